import ClearanceCore
import Foundation
import GRDB

extension FormVersionStore {
    /// Whether a form with this hash is stored (one indexed lookup).
    public static func isStored(_ db: Database, hash: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM form_versions WHERE form_hash = ?", arguments: [hash]) ?? false
    }

    /// The choice values the current answers of a module's encounters hold, by definition path
    /// (`doses[2].site` counts for `doses.site`): what a new form version may not remove.
    /// Decoded as every stored value is (``ObservationValue``), counted by
    /// ``ClearanceCore/FormCompatibility/usedChoices(in:)``.
    public static func usedChoices(_ db: Database, moduleID: String) throws -> [String: Set<String>] {
        var stored: [(FieldPath, Value)] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT o.path, o.value_type, o.value_text FROM observations o JOIN encounters e ON e.id = o.encounter_id
            WHERE e.module_id = ? AND o.voided_at IS NULL AND o.value_type IN ('choice', 'choices')
            """, arguments: [moduleID])
        while let row = try rows.next() {
            let text: String = row[0]
            guard let path = FieldPath(text), let kind = ObservationValue.Kind(rawValue: row[1]),
                  let value = try? ObservationValue(kind: kind, text: row[2]).value(path: text) else { continue }
            stored.append((path, value))
        }
        return FormCompatibility.usedChoices(in: stored)
    }
}
