// MARK: - Writing at a path

extension Answers {
    /// Sets (or, with nil, removes) the value at a path such as `specimens[2].smear`.
    ///
    /// The repeat instances along the path must already exist; otherwise nothing changes.
    /// ```swift
    /// a.setValue(.choice("negative"), at: FieldPath("specimens[2].smear")!)
    /// ```
    public mutating func setValue(_ value: Value?, at path: FieldPath) {
        setValue(value, components: path.components[...])
    }

    private mutating func setValue(_ value: Value?, components: ArraySlice<FieldPath.Component>) {
        guard let c = components.first else { return }
        if components.count == 1 {
            if let idx = c.index {
                guard case .group(var inst)? = self[c.name], idx >= 1, idx <= inst.count else { return }
                if let value, case .group(let one) = value, one.count == 1 { inst[idx - 1] = one[0] }
                else if value == nil { inst.remove(at: idx - 1) }
                self[c.name] = .group(inst)
            } else {
                self[c.name] = value
            }
            return
        }
        guard let idx = c.index, case .group(var inst)? = self[c.name], idx >= 1, idx <= inst.count else { return }
        inst[idx - 1].setValue(value, components: components.dropFirst())
        self[c.name] = .group(inst)
    }
}
