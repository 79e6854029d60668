import Foundation

extension Answers {
    /// Every leaf value with its path in the order the form asks the fields (repeat rows in row
    /// order, their sub-fields in form order); answers to fields the form does not have come
    /// last, sorted. What a person reading an encounter expects: 250 Hz before 2000 Hz.
    ///
    /// - Parameter form: The form the answers were recorded with.
    /// - Returns: The same pairs as ``flattened(prefix:)``, in form order.
    public func flattened(inOrderOf form: FormSpec) -> [(FieldPath, Value)] {
        flattened(fields: form.fields, prefix: FieldPath([]))
    }

    private func flattened(fields: [Field], prefix: FieldPath) -> [(FieldPath, Value)] {
        var out: [(FieldPath, Value)] = []
        for field in fields {
            guard let value = values[field.name] else { continue }
            if case .group(let rows) = value {
                for (i, row) in rows.enumerated() {
                    out += row.flattened(fields: field.fields, prefix: prefix.appending(field.name, index: i + 1))
                }
            } else {
                out.append((prefix.appending(field.name), value))
            }
        }
        let known = Set(fields.map(\.name))
        for name in names where !known.contains(name) {
            out += Answers([name: values[name]!]).flattened(prefix: prefix)
        }
        return out
    }
}
