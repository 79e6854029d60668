import ClearanceCore
import Crypto
import Foundation
import GRDB

/// What a case's final encounters hold now, for binding a decision to its evidence: the
/// current (not voided) observation ids and the attachment ids of each. A correction voids a
/// row and adds a new one, so any correction changes the observation ids.
public enum DecisionEvidenceStore {
    /// One final encounter's evidence.
    public struct Encounter: Sendable, Hashable {
        public var id: Int64
        public var moduleId: String
        public var status: String
        public var resultCodes: String
        public var pending: Bool
        /// Ids of the current (not voided) observations, ascending.
        public var observationIds: [Int64]
        /// Ids of the encounter's attachments, ascending.
        public var attachmentIds: [Int64]
    }

    /// The final encounters of `caseID`, by id, with their current observation and attachment ids.
    public static func encounters(_ db: Database, caseID: Int64) throws -> [Encounter] {
        var out: [Int64: Encounter] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT id, module_id, status, result_codes, pending FROM encounters
            WHERE case_id = ? AND status = 'final' ORDER BY id
            """, arguments: [caseID]) {
            let id: Int64 = row[0]
            out[id] = Encounter(id: id, moduleId: row[1], status: row[2], resultCodes: row[3], pending: row[4],
                                observationIds: [], attachmentIds: [])
        }
        guard !out.isEmpty else { return [] }
        for row in try Row.fetchAll(db, sql: """
            SELECT o.encounter_id, o.id FROM observations o JOIN encounters e ON e.id = o.encounter_id
            WHERE e.case_id = ? AND e.status = 'final' AND o.voided_at IS NULL ORDER BY o.id
            """, arguments: [caseID]) {
            let e: Int64 = row[0]
            out[e]?.observationIds.append(row[1])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT a.encounter_id, a.id FROM attachments a JOIN encounters e ON e.id = a.encounter_id
            WHERE e.case_id = ? AND e.status = 'final' ORDER BY a.id
            """, arguments: [caseID]) {
            let e: Int64 = row[0]
            out[e]?.attachmentIds.append(row[1])
        }
        return out.keys.sorted().compactMap { out[$0] }
    }

    /// SHA-256 of `text` (UTF-8) as 64 lower-case hex digits: the digest of an evidence record.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexString
    }
}
