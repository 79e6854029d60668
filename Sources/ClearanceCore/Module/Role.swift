/// A role a user holds. A user may hold several.
public enum Role: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case clerk
    case nurse
    case counsellor
    case radiographer
    case radiologist
    case audiometrist
    case medicalOfficer = "medical-officer"
    case admin

    /// Parses a role name; accepts `mo` for medical-officer.
    public init?(name: String) {
        if name == "mo" { self = .medicalOfficer; return }
        self.init(rawValue: name)
    }

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}
