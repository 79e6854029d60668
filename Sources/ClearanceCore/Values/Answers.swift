import Foundation

/// The answers of one form (or one instance of a repeat group), keyed by field name.
///
/// A field that was not answered, or that is not relevant, has no entry.
///
/// ```swift
/// var a = Answers()
/// a["cough_2w"] = .bool(false)
/// a["right_air_1000"] = .integer(15)
/// ```
public struct Answers: Hashable, Sendable {
    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }

    public subscript(name: String) -> Value? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Field names in sorted order, for stable output.
    public var names: [String] { values.keys.sorted() }

    public var isEmpty: Bool { values.isEmpty }

    /// Reads a value at a path such as `specimens[2].smear` (repeat indices are 1-based).
    public func value(at path: FieldPath) -> Value? {
        var current: Answers = self
        for (i, c) in path.components.enumerated() {
            guard let v = current[c.name] else { return nil }
            if let index = c.index {
                let inst = v.instances
                guard index >= 1, index <= inst.count else { return nil }
                if i == path.components.count - 1 { return .group([inst[index - 1]]) }
                current = inst[index - 1]
            } else if i == path.components.count - 1 {
                return v
            } else {
                return nil
            }
        }
        return nil
    }

    /// Every leaf value with its path, depth first, in sorted field order: the rows an
    /// encounter's observations are stored as.
    public func flattened(prefix: FieldPath = FieldPath([])) -> [(FieldPath, Value)] {
        var out: [(FieldPath, Value)] = []
        for name in names {
            let v = values[name]!
            if case .group(let instances) = v {
                for (i, inst) in instances.enumerated() {
                    out += inst.flattened(prefix: prefix.appending(name, index: i + 1))
                }
            } else {
                out.append((prefix.appending(name), v))
            }
        }
        return out
    }

    /// Plain JSON object (see ``Value/jsonObject``).
    public var jsonObject: [String: Any] { values.mapValues { $0.jsonObject } }
}

/// The location of a field in a form's answers: `cough_2w`, `specimens[2].smear`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible, Comparable {
    public struct Component: Hashable, Sendable {
        public var name: String
        /// 1-based repeat instance, or nil for a plain field.
        public var index: Int?
        public init(name: String, index: Int? = nil) { self.name = name; self.index = index }
    }
    public var components: [Component]

    public init(_ components: [Component]) { self.components = components }

    /// Parses `a`, `a[2].b`; returns nil for malformed paths.
    public init?(_ text: String) {
        var comps: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            if let open = part.firstIndex(of: "["), part.last == "]" {
                let name = String(part[..<open])
                guard !name.isEmpty, let idx = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]) else { return nil }
                comps.append(Component(name: name, index: idx))
            } else {
                guard !part.isEmpty, !part.contains("["), !part.contains("]") else { return nil }
                comps.append(Component(name: String(part)))
            }
        }
        guard !comps.isEmpty else { return nil }
        self.components = comps
    }

    /// The path of a field: `FieldPath(field: "cough_2w")`.
    public init(field: String) { self.components = [Component(name: field)] }

    public func appending(_ name: String, index: Int? = nil) -> FieldPath {
        FieldPath(components + [Component(name: name, index: index)])
    }

    /// The name of the last component (the field's own name).
    public var leaf: String { components.last?.name ?? "" }

    public var description: String {
        // A plain top-level field is most paths: its name as it is.
        if components.count == 1, components[0].index == nil { return components[0].name }
        return components.map { c in c.index.map { "\(c.name)[\($0)]" } ?? c.name }.joined(separator: ".")
    }

    public static func < (a: FieldPath, b: FieldPath) -> Bool { a.description < b.description }
}
