import ClearanceCore

/// Who may do what. Checked in the service layer on every call, whatever the front end.
///
/// Module-specific privileges (recording, reading answers) come from each module's manifest;
/// these are the host's own.
public enum Privilege: String, Sendable, CaseIterable {
    case registerPerson = "register persons"
    case findPersons = "find and view persons and cases"
    case openCase = "open cases"
    case decideFitness = "decide fitness"
    case signCertificate = "sign certificates"
    case manageUsers = "manage users"
    case manageKeys = "manage signing keys"
    case manageClinic = "set the clinic's name, address and site code"
    case readAudit = "read the audit log"
    case attachImages = "attach images"
    case exportCertificates = "export certificates"
    case backUp = "back up the database"
    /// Pin module publishers, install signed module packs, allow unsigned module files.
    case manageModules = "install module packs and pin module publishers"
    /// FHIR and CSV exports of person-level records (confidential modules only for their readers).
    case exportRecords = "export records (FHIR, CSV)"

    /// The roles that hold the privilege.
    public var roles: Set<Role> {
        switch self {
        case .registerPerson, .openCase: [.clerk, .nurse, .medicalOfficer]
        case .findPersons: Set(Role.allCases)
        case .decideFitness, .signCertificate: [.medicalOfficer]
        case .manageUsers, .manageKeys, .manageClinic, .backUp, .manageModules: [.admin]
        case .readAudit: [.admin, .medicalOfficer]
        case .exportCertificates: [.clerk, .nurse, .medicalOfficer, .admin]
        case .exportRecords: [.clerk, .nurse, .counsellor, .medicalOfficer]
        case .attachImages: [.clerk, .nurse, .radiographer, .radiologist, .audiometrist, .counsellor, .medicalOfficer]
        }
    }
}

extension Session {
    /// Throws ``ServiceError/forbidden(_:)`` naming the privilege and the roles that hold it.
    public func require(_ privilege: Privilege) throws {
        guard hasAny(privilege.roles) else {
            throw ServiceError.catalogued(ServiceError.forbidden, "error.forbidden", ["user": username, "roles": roleList, "action": privilege.rawValue,
                "needed": privilege.roles.map(\.rawValue).sorted().joined(separator: ", ")])
        }
    }

    /// Throws ``ServiceError/forbidden(_:)`` unless the user may record the module.
    public func requireRecord(_ manifest: ModuleManifest) throws {
        guard manifest.canRecord(roles) else {
            throw ServiceError.catalogued(ServiceError.forbidden, "error.forbidden_record", ["user": username, "roles": roleList, "module": manifest.id,
                "needed": manifest.recordRoles.map(\.rawValue).sorted().joined(separator: ", ")])
        }
    }

    /// The user's roles as `clerk, nurse`.
    public var roleList: String { roles.map(\.rawValue).sorted().joined(separator: ", ") }
}
