import ClearanceCore

extension Answers {
    /// The answers with `value` stored at `path` (nil removes it), creating repeat
    /// instances on the way as needed. A path into an instance beyond the next one is ignored.
    func setting(_ value: Value?, at path: FieldPath) -> Answers {
        var copy = self
        copy.set(value, components: path.components[...])
        return copy
    }

    private mutating func set(_ value: Value?, components: ArraySlice<FieldPath.Component>) {
        guard let c = components.first else { return }
        if components.count == 1, c.index == nil { self[c.name] = value; return }
        guard let index = c.index, index >= 1 else { return }
        var instances = self[c.name]?.instances ?? []
        if index == instances.count + 1 { instances.append(Answers()) }
        guard index <= instances.count else { return }
        if components.count == 1 {
            // The path names the instance itself: nil removes it.
            if value == nil { instances.remove(at: index - 1) }
        } else {
            instances[index - 1].set(value, components: components.dropFirst())
        }
        self[c.name] = .group(instances)
    }

    /// The leaf value at `path` (not wrapped in a group as ``value(at:)`` does for instances).
    func leafValue(at path: FieldPath) -> Value? {
        guard path.components.last?.index == nil else { return nil }
        return value(at: path)
    }

    /// Number of instances of the repeat group at `path`.
    func instanceCount(at path: FieldPath) -> Int {
        leafValue(at: path)?.instances.count ?? 0
    }
}
