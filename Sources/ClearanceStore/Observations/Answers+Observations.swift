import ClearanceCore

extension Answers {
    /// The observation rows these answers are stored as: one row per leaf value, and for each
    /// repeat group a `group` row with its instance count followed by its instances' rows
    /// (`specimens` = 3, `specimens[1].smear`, ...). Depth first, in sorted field order.
    ///
    /// The group row keeps empty groups and empty instances, so that reading the rows back
    /// gives exactly these answers.
    ///
    /// - Returns: `(path, columns)` pairs.
    /// - Throws: ``StoreError`` naming the field for a value the store cannot keep (a NaN decimal).
    public func observationValues(prefix: FieldPath = FieldPath([])) throws -> [(path: FieldPath, value: ObservationValue)] {
        var out: [(path: FieldPath, value: ObservationValue)] = []
        for name in names {
            guard let value = self[name] else { continue }
            let path = prefix.appending(name)
            out.append((path, try ObservationValue(value, path: path.description)))
            if case .group(let instances) = value {
                for (i, instance) in instances.enumerated() {
                    out += try instance.observationValues(prefix: prefix.appending(name, index: i + 1))
                }
            }
        }
        return out
    }

    /// Rebuilds answers from the current (non-voided) observation rows; voided rows are ignored.
    ///
    /// ```swift
    /// let rows = try ObservationRecord.filter(Column("encounter_id") == id).fetchAll(db)
    /// let answers = try Answers(observations: rows)
    /// ```
    ///
    /// - Parameter observations: An encounter's rows, in any order.
    /// - Throws: ``StoreError`` naming the row whose path or columns cannot be read, or whose path
    ///   conflicts with another row (a plain value and a group at the same name).
    public init(observations: [ObservationRecord]) throws {
        self.init()
        // Group rows first, shallow before deep, so counts exist before instance values land.
        let current = observations.filter(\.isCurrent).sorted { a, b in
            let da = a.path.split(separator: ".").count, db = b.path.split(separator: ".").count
            return (a.valueType == .group ? 0 : 1, da, a.path) < (b.valueType == .group ? 0 : 1, db, b.path)
        }
        for row in current {
            guard let path = FieldPath(row.path) else {
                throw StoreError.badObservation(id: row.id, path: row.path, reason: "malformed path")
            }
            let value = try row.observationValue.value(id: row.id, path: row.path)
            try Answers.place(value, at: path.components[...], in: &self, row: row)
        }
    }

    private static func place(_ value: Value, at path: ArraySlice<FieldPath.Component>,
                              in answers: inout Answers, row: ObservationRecord) throws {
        func bad(_ reason: String) -> StoreError { .badObservation(id: row.id, path: row.path, reason: reason) }
        guard let head = path.first else { throw bad("empty path") }
        if path.count == 1 {
            guard head.index == nil else { throw bad("a value's own name cannot carry a repeat index") }
            if case .group(let empty) = value {
                var instances = try existingInstances(answers[head.name], bad)
                while instances.count < empty.count { instances.append(Answers()) }
                answers[head.name] = .group(instances)
            } else {
                guard answers[head.name] == nil else { throw bad("two current values at the same path") }
                answers[head.name] = value
            }
            return
        }
        guard let index = head.index, index >= 1, index <= ObservationValue.maxInstances else {
            throw bad("repeat index missing or out of range in '\(head.name)'")
        }
        var instances = try existingInstances(answers[head.name], bad)
        while instances.count < index { instances.append(Answers()) }
        try place(value, at: path.dropFirst(), in: &instances[index - 1], row: row)
        answers[head.name] = .group(instances)
    }

    private static func existingInstances(_ value: Value?, _ bad: (String) -> StoreError) throws -> [Answers] {
        switch value {
        case nil: return []
        case .group(let g)?: return g
        default: throw bad("a plain value and a repeat group share this name")
        }
    }
}
