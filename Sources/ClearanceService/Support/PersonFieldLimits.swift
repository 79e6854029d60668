import ClearanceCore

/// How long a person's texts may be: the one rule `person add` and `person edit` apply.
///
/// Names are at most 100 characters (a machine-readable passport zone holds 39; the printed
/// name may be longer), a document number 30, a guardian 200. A longer value is refused
/// naming the field, its length and the limit.
public enum PersonFieldLimits {
    /// Characters allowed per field (`surname`, `given`, `document-number`, `guardian`).
    public static let limits: [String: Int] = ["surname": 100, "given": 100, "document-number": 30, "guardian": 200]

    /// The issue for `value` of `field` when it is too long; nil when it fits (or the field has no limit).
    public static func issue(_ field: String, _ value: String) -> ValidationIssue? {
        guard let limit = limits[field], value.count > limit else { return nil }
        return ValidationIssue(field: field, message: "is \(value.count) characters long; shorten it to at most \(limit)")
    }
}
