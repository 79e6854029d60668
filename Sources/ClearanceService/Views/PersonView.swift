import ClearanceCore
import Foundation

/// A person as front ends show it. Age is derived from the date of birth, never stored.
public struct PersonView: Sendable, Hashable, JSONView {
    public var id: Int64
    public var surname: String
    public var givenNames: String
    public var dateOfBirth: LocalDate
    public var age: Int
    public var sex: String
    public var nationality: String
    public var documentType: String
    public var documentNumber: String
    public var documentExpiry: LocalDate?
    public var guardian: String?
    public var photoAttachmentID: Int64?

    /// `SURNAME, Given Names`.
    public var fullName: String { "\(surname.uppercased()), \(givenNames)" }

    public var facts: PersonFacts { PersonFacts(dateOfBirth: dateOfBirth, sex: sex, nationality: nationality) }

    enum CodingKeys: String, CodingKey {
        case id, surname, givenNames = "given_names", dateOfBirth = "date_of_birth", age, sex, nationality
        case documentType = "document_type", documentNumber = "document_number", documentExpiry = "document_expiry"
        case guardian, photoAttachmentID = "photo_attachment"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(surname, forKey: .surname); try c.encode(givenNames, forKey: .givenNames)
        try c.encode(dateOfBirth.description, forKey: .dateOfBirth); try c.encode(age, forKey: .age); try c.encode(sex, forKey: .sex)
        try c.encode(nationality, forKey: .nationality); try c.encode(documentType, forKey: .documentType)
        try c.encode(documentNumber, forKey: .documentNumber); try c.encode(documentExpiry?.description, forKey: .documentExpiry)
        try c.encode(guardian, forKey: .guardian); try c.encode(photoAttachmentID, forKey: .photoAttachmentID)
    }

    public var text: String {
        var lines = ["Person \(id): \(fullName)",
                     "  born \(dateOfBirth) (age \(age)), sex \(sex), nationality \(nationality)",
                     "  \(documentType) \(documentNumber)\(documentExpiry.map { ", expires \($0)" } ?? "")"]
        if let guardian { lines.append("  guardian: \(guardian)") }
        if let p = photoAttachmentID { lines.append("  photo: attachment \(p)") }
        return lines.joined(separator: "\n")
    }
}

/// What `person add` takes.
public struct PersonInput: Sendable, Hashable {
    public var surname: String
    public var givenNames: String
    public var dateOfBirth: LocalDate
    public var sex: String
    public var nationality: String
    public var documentType: String
    public var documentNumber: String
    public var documentExpiry: LocalDate?
    public var guardian: String?

    public init(surname: String, givenNames: String, dateOfBirth: LocalDate, sex: String, nationality: String,
                documentType: String = "passport", documentNumber: String, documentExpiry: LocalDate? = nil, guardian: String? = nil) {
        self.surname = surname; self.givenNames = givenNames; self.dateOfBirth = dateOfBirth; self.sex = sex
        self.nationality = nationality; self.documentType = documentType; self.documentNumber = documentNumber
        self.documentExpiry = documentExpiry; self.guardian = guardian
    }
}

/// A staff account as shown to administrators (never the password hash).
public struct UserView: Sendable, Hashable, JSONView {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    public var registrationNumber: String?
    /// True when the account may not sign in.
    public var disabled = false
    /// The end of a sign-in lock in force (store timestamp), or nil.
    public var lockedUntil: String? = nil
    /// Consecutive failed sign-ins since the last good one.
    public var failedSignIns = 0

    enum CodingKeys: String, CodingKey {
        case id, username, displayName = "display_name", roles, registrationNumber = "registration_number"
        case disabled, lockedUntil = "locked_until", failedSignIns = "failed_sign_ins"
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(username, forKey: .username); try c.encode(displayName, forKey: .displayName)
        try c.encode(roles.map(\.rawValue).sorted(), forKey: .roles); try c.encode(registrationNumber, forKey: .registrationNumber)
        try c.encode(disabled, forKey: .disabled); try c.encode(lockedUntil, forKey: .lockedUntil)
        try c.encode(failedSignIns, forKey: .failedSignIns)
    }
}
