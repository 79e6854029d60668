/// The terminal's own words (not the form's) in the languages forms are written in.
///
/// Falls back to English for a language or key not in the table.
public enum UIText {
    static let table: [String: [String: String]] = [
        "yes": ["fr": "oui", "es": "sí"],
        "no": ["fr": "non", "es": "no"],
        "Review and save": ["fr": "Vérifier et enregistrer", "es": "Revisar y guardar"],
        "Save": ["fr": "Enregistrer", "es": "Guardar"],
        "Add": ["fr": "Ajouter", "es": "Añadir"],
        "Remove": ["fr": "Supprimer", "es": "Eliminar"],
        "required": ["fr": "obligatoire", "es": "obligatorio"],
        "problem": ["fr": "problème", "es": "problema"],
        "calculated": ["fr": "calculé", "es": "calculado"],
        "not answered": ["fr": "sans réponse", "es": "sin respuesta"],
    ]

    /// `key` in `language`, else `key` itself (English).
    public static func text(_ key: String, _ language: String) -> String {
        table[key]?[language] ?? key
    }
}
