import Foundation

/// The clinic's identity as printed on its certificates.
public struct ClinicIdentityView: Sendable, Hashable, JSONView {
    public var name: String
    /// One line; "" when none is set.
    public var address: String
    public var siteCode: String
    public var updatedAt: String
    public var updatedBy: String

    enum CodingKeys: String, CodingKey { case name, address, siteCode = "site_code", updatedAt = "updated_at", updatedBy = "updated_by" }

    public var text: String {
        ["Clinic:    \(name)", "Address:   \(address.isEmpty ? "(none)" : address)", "Site code: \(siteCode)",
         "Set \(updatedAt.prefix(16)) by \(updatedBy)"].joined(separator: "\n")
    }
}
