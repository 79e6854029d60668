/// What an audit entry records. Extensible: any lowercase name is accepted, the common ones
/// are named here.
public struct AuditAction: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let create: AuditAction = "create"
    public static let edit: AuditAction = "edit"
    public static let void: AuditAction = "void"
    /// A read of confidential answers (HIV).
    public static let viewConfidential: AuditAction = "view-confidential"
    public static let export: AuditAction = "export"
    public static let sign: AuditAction = "sign"
    public static let login: AuditAction = "login"
    public static let loginFailed: AuditAction = "login-failed"
    /// A fitness decision by a medical officer.
    public static let decide: AuditAction = "decide"
}

/// What the caller asks the audit log to record; ``AuditLog/append(_:_:at:)`` adds the id,
/// time and hashes.
public struct AuditEvent: Hashable, Sendable {
    public var username: String
    public var action: AuditAction
    /// `person`, `case`, `encounter`, `observation`, `certificate`, `user`, ...
    public var entityType: String
    public var entityID: String
    /// A JSON object with details (changed paths, reason); `{}` when none.
    public var detail: String
    /// The clinical rows this event wrote: ``AuditLog/append(_:_:at:)`` records the digest of
    /// each as the tables hold it then (``AuditContent``), for `audit verify` to compare.
    public var wrote: [AuditSubject] = []

    /// Creates an event; `detail` given as string pairs is stored as a sorted-keys JSON object.
    public init(username: String, action: AuditAction, entityType: String, entityID: String,
                detail: [String: String] = [:]) {
        self.username = username; self.action = action; self.entityType = entityType; self.entityID = entityID
        self.detail = (try? ValueCoding.text(detail)) ?? "{}"
    }

    /// Creates an event with `detailJSON`, a JSON object the caller has encoded.
    public init(username: String, action: AuditAction, entityType: String, entityID: String, detailJSON: String) {
        self.username = username; self.action = action; self.entityType = entityType; self.entityID = entityID
        self.detail = detailJSON
    }
}
