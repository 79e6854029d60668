import Foundation

/// What `clearance demo --json` prints: the database, the demo password with its note, and
/// what the demo created (each outcome as its recorder may see it).
public struct DemoReportView: Sendable, JSONView {
    public var database: String
    public var password: String
    public var passwordNote: String
    public var users: [String]
    public var persons: [PersonView]
    public var cases: [CaseView]
    public var encounters: [RecordOutcome]

    enum CodingKeys: String, CodingKey { case database, password, passwordNote = "password_note", users, persons, cases, encounters }
}
