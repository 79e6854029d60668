import ClearanceCore
import Foundation

/// A person as front ends show it. Age is derived from the date of birth, never stored.
public struct PersonView: Sendable, Hashable {
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

    /// When the record is a duplicate merged into another: the person kept.
    public var mergedInto: Int64? = nil

    /// `SURNAME, Given Names`.
    public var fullName: String { "\(surname.uppercased()), \(givenNames)" }

    /// `SURNAME, GIVEN NAMES` in Latin letters (ICAO 9303) when the name is in another script, else nil.
    public var latinName: String? { LatinTransliteration.latinIfNeeded(fullName) }

    /// ``fullName`` with the Latin spelling beside it when there is one: `ИВАНОВА, Мария (IVANOVA, MARIIA)`.
    public var shownName: String { latinName.map { "\(fullName) (\($0))" } ?? fullName }

    public var facts: PersonFacts { PersonFacts(dateOfBirth: dateOfBirth, sex: sex, nationality: nationality) }

    public var json: [String: Any] {
        var o: [String: Any] = ["id": id, "surname": surname, "given_names": givenNames, "date_of_birth": dateOfBirth.description,
                                "age": age, "sex": sex, "nationality": nationality, "document_type": documentType,
                                "document_number": documentNumber]
        o["document_expiry"] = documentExpiry?.description ?? NSNull()
        o["guardian"] = guardian ?? NSNull()
        o["photo_attachment"] = photoAttachmentID.map { $0 as Any } ?? NSNull()
        o["name_latin"] = latinName ?? NSNull()
        if let mergedInto { o["merged_into"] = mergedInto }
        return o
    }

    public var text: String {
        var lines = ["Person \(id): \(shownName)" + (mergedInto.map { "  [merged into person \($0)]" } ?? ""),
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
public struct UserView: Sendable, Hashable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    public var registrationNumber: String?

    public var json: [String: Any] {
        ["id": id, "username": username, "display_name": displayName, "roles": roles.map(\.rawValue).sorted(),
         "registration_number": registrationNumber ?? NSNull()]
    }
}
