import Foundation

/// The clinic's identity as printed on its certificates.
public struct ClinicIdentityView: Sendable, Hashable {
    public var name: String
    /// One line; "" when none is set.
    public var address: String
    public var siteCode: String
    public var updatedAt: String
    public var updatedBy: String

    public var json: [String: Any] {
        ["name": name, "address": address, "site_code": siteCode, "updated_at": updatedAt, "updated_by": updatedBy]
    }

    public var text: String {
        ["Clinic:    \(name)", "Address:   \(address.isEmpty ? "(none)" : address)", "Site code: \(siteCode)",
         "Set \(updatedAt.prefix(16)) by \(updatedBy)"].joined(separator: "\n")
    }
}
