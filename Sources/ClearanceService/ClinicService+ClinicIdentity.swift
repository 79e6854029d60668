import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// The clinic's identity (name, address, site code) printed on certificates, or nil when
    /// it was never set (`clearance init` sets it; `clearance clinic set` changes it).
    /// Any signed-in user may read it.
    public func clinicIdentity(by session: Session) throws -> ClinicIdentityView? {
        try session.require(.findPersons)
        return try read { db in try ClinicIdentityStore.fetch(db).map(view) }
    }

    /// Sets the clinic's identity (administrators). Audited (`edit`, `clinic-identity`) with
    /// the old and new values. Certificates issued afterwards print it; issued ones never change.
    ///
    /// ```swift
    /// try service.setClinicIdentity(name: "Nairobi Migration Health Centre",
    ///                               address: "Upper Hill Road, Nairobi", siteCode: "KE-NBO-01", by: admin)
    /// ```
    /// - Parameters:
    ///   - name: Up to 120 characters, required.
    ///   - address: One line of up to 160 characters; "" for none. Nil keeps the current one.
    ///   - siteCode: Up to 40 letters, digits, `-`, `_` or `.`, required.
    /// - Throws: ``ServiceError``: forbidden, invalid naming the field.
    @discardableResult
    public func setClinicIdentity(name: String?, address: String?, siteCode: String?, by session: Session) throws -> ClinicIdentityView {
        try session.require(.manageClinic)
        return try write { db in
            let old = try ClinicIdentityStore.fetch(db)
            let name = try Self.identityText(name ?? old?.name, field: "clinic_name", option: "--clinic-name", maximum: 120)
            let siteCode = try Self.identityText(siteCode ?? old?.siteCode, field: "site_code", option: "--site-code", maximum: 40)
            let address = (address ?? old?.address ?? "").trimmingCharacters(in: .whitespaces)
            guard address.count <= 160, !address.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ServiceError.invalid(field: "clinic_address", "give one line of at most 160 characters (--clinic-address)")
            }
            guard siteCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw ServiceError.invalid(field: "site_code", "'\(siteCode)' may hold only letters, digits, '-', '_' and '.' (--site-code)")
            }
            for (text, field) in [(name, "clinic_name"), (address, "clinic_address")] {
                if let problem = Self.certificateTextProblem(text) { throw ServiceError.invalid(field: field, problem) }
            }
            let record = ClinicIdentityRecord(name: name, address: address, siteCode: siteCode,
                                              updatedAt: timestamp, updatedBy: session.username)
            try ClinicIdentityStore.save(db, record)
            var detail: [String: Any] = ["name": name, "address": address, "site_code": siteCode]
            if let old { detail["previous"] = ["name": old.name, "address": old.address, "site_code": old.siteCode] }
            try audit(db, session, old == nil ? "create" : "edit", "clinic-identity", 1, detail)
            return view(record)
        }
    }

    /// The identity certificates print; refuses when none is set.
    func requireClinicIdentity(_ db: Database) throws -> ClinicIdentityRecord {
        guard let identity = try ClinicIdentityStore.fetch(db) else {
            throw ServiceError.configuration("the clinic's name, address and site code are not set, and every certificate prints them; an administrator runs `clearance clinic set --clinic-name NAME --clinic-address ADDRESS --site-code CODE`")
        }
        return identity
    }

    static func identityText(_ text: String?, field: String, option: String, maximum: Int) throws -> String {
        guard let value = cleaned(text) else { throw ServiceError.invalid(field: field, "it is required; pass \(option)") }
        guard value.count <= maximum, !value.contains(where: \.isNewline) else {
            throw ServiceError.invalid(field: field, "give one line of at most \(maximum) characters (\(option))")
        }
        return value
    }

    func view(_ r: ClinicIdentityRecord) -> ClinicIdentityView {
        ClinicIdentityView(name: r.name, address: r.address, siteCode: r.siteCode, updatedAt: r.updatedAt, updatedBy: r.updatedBy)
    }
}
