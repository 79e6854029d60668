import Foundation
import GRDB

extension FormVersionStore {
    /// Whether a form with this hash is stored (one indexed lookup).
    public static func isStored(_ db: Database, hash: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM form_versions WHERE form_hash = ?", arguments: [hash]) ?? false
    }

    /// The choice values the current answers of a module's encounters hold, by definition path
    /// (`doses[2].site` counts for `doses.site`): what a new form version may not remove.
    public static func usedChoices(_ db: Database, moduleID: String) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT o.path, o.value_type, o.value_text FROM observations o JOIN encounters e ON e.id = o.encounter_id
            WHERE e.module_id = ? AND o.voided_at IS NULL AND o.value_type IN ('choice', 'choices')
            """, arguments: [moduleID])
        while let row = try rows.next() {
            let path: String = row[0], type: String = row[1]
            guard let text: String = row[2] else { continue }
            let key = path.replacingOccurrences(of: #"\[[0-9]+\]"#, with: "", options: .regularExpression)
            if type == "choice" {
                out[key, default: []].insert(text)
            } else if let values = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) {
                out[key, default: []].formUnion(values)
            }
        }
        return out
    }
}
