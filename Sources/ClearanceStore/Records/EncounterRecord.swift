import ClearanceCore
import GRDB

/// A row of `encounters`: one module's form filled for one case.
///
/// Records the module version, form version and form hash it was recorded with. The answers
/// live in `observations` (see ``EncounterStore``); result codes and derived values are JSON
/// text beside them.
public struct EncounterRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "encounters"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case caseId = "case_id"
        case moduleId = "module_id"
        case moduleVersion = "module_version"
        case formVersion = "form_version"
        case formHash = "form_hash"
        case status
        case recordedBy = "recorded_by"
        case recordedAt = "recorded_at"
        case resultCodes = "result_codes"
        case derived
        case pending
    }

    public var id: Int64?
    public var caseId: Int64
    public var moduleId: String
    public var moduleVersion: String
    public var formVersion: String
    /// References `form_versions.form_hash`: register the form first (``FormVersionStore``).
    public var formHash: String
    public var status: EncounterStatus
    public var recordedBy: String
    public var recordedAt: String
    /// JSON array of result codes (`["TB-B2","TB-B3"]`).
    public var resultCodes: String
    /// JSON object of derived values in the store's typed encoding (see ``ValueCoding``).
    public var derived: String
    /// True while results are outstanding.
    public var pending: Bool

    /// Creates a record; result codes, derived values and pending come from `derivation`.
    public init(id: Int64? = nil, caseId: Int64, moduleId: String, moduleVersion: String, formVersion: String,
                formHash: String, status: EncounterStatus, recordedBy: String, recordedAt: String,
                derivation: Derivation = Derivation()) throws {
        self.id = id; self.caseId = caseId; self.moduleId = moduleId; self.moduleVersion = moduleVersion
        self.formVersion = formVersion; self.formHash = formHash; self.status = status
        self.recordedBy = recordedBy; self.recordedAt = recordedAt
        self.resultCodes = try ValueCoding.encodeCodes(derivation.resultCodes)
        self.derived = try ValueCoding.encode(derivation.values)
        self.pending = derivation.pending
    }

    /// Result codes, derived values and pending flag as a ``ClearanceCore/Derivation``.
    ///
    /// - Throws: ``StoreError`` when the stored JSON is not readable.
    public func derivation() throws -> Derivation {
        Derivation(resultCodes: try ValueCoding.decodeCodes(resultCodes),
                   values: try ValueCoding.decode(derived), pending: pending)
    }

    /// Replaces result codes, derived values and pending from `derivation`.
    public mutating func setDerivation(_ derivation: Derivation) throws {
        resultCodes = try ValueCoding.encodeCodes(derivation.resultCodes)
        derived = try ValueCoding.encode(derivation.values)
        pending = derivation.pending
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
