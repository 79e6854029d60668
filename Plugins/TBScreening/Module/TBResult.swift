import ClearanceCore

/// The TB classifications the module can produce (US panel rule pack). Several may hold at
/// once, e.g. `TB-B2` and `TB-B3`.
public enum TBResult: String, CaseIterable, Sendable {
    case none = "TB-NONE"
    case classA = "TB-A"
    case classB0 = "TB-B0"
    case classB1Pulmonary = "TB-B1-PULM"
    case classB1Extrapulmonary = "TB-B1-EXTRA"
    case classB2 = "TB-B2"
    case classB3 = "TB-B3"
    case pending = "TB-PENDING"

    /// The code as stored and shown: `TB-B2`.
    public var code: String { rawValue }

    /// What the code means, in English, French and Spanish.
    public var meaning: LocalizedText {
        switch self {
        case .none:
            return LocalizedText(["en": "No TB classification: normal screening",
                                  "fr": "Aucune classe TB : dépistage normal",
                                  "es": "Sin clasificación de TB: tamizaje normal"])
        case .classA:
            return LocalizedText(["en": "TB disease needing treatment; not cleared to travel",
                                  "fr": "Tuberculose maladie à traiter ; non autorisé à voyager",
                                  "es": "Tuberculosis activa que requiere tratamiento; no autorizado a viajar"])
        case .classB0:
            return LocalizedText(["en": "TB treated: directly observed treatment completed under the clinic",
                                  "fr": "Tuberculose traitée : traitement directement observé achevé au centre",
                                  "es": "TB tratada: tratamiento directamente observado completado en la clínica"])
        case .classB1Pulmonary:
            return LocalizedText(["en": "Pulmonary TB suspected or past TB, smears and cultures negative",
                                  "fr": "Tuberculose pulmonaire suspectée ou ancienne, examens et cultures négatifs",
                                  "es": "TB pulmonar sospechada o previa, baciloscopias y cultivos negativos"])
        case .classB1Extrapulmonary:
            return LocalizedText(["en": "Extrapulmonary TB evidence (anatomic site recorded)",
                                  "fr": "Signes de tuberculose extrapulmonaire (localisation notée)",
                                  "es": "Evidencia de TB extrapulmonar (localización registrada)"])
        case .classB2:
            return LocalizedText(["en": "Latent TB infection: positive IGRA or TST, otherwise negative evaluation",
                                  "fr": "Infection tuberculeuse latente : IGRA ou IDR positif, bilan par ailleurs négatif",
                                  "es": "Infección tuberculosa latente: IGRA o PPD positivo, evaluación por lo demás negativa"])
        case .classB3:
            return LocalizedText(["en": "Recent contact of a known TB case",
                                  "fr": "Contact récent d'un cas de tuberculose connu",
                                  "es": "Contacto reciente de un caso de TB conocido"])
        case .pending:
            return LocalizedText(["en": "Sputum or culture results outstanding; no clearance yet",
                                  "fr": "Résultats d'expectoration ou de culture en attente ; pas encore d'aptitude",
                                  "es": "Resultados de esputo o cultivo pendientes; aún sin aptitud"])
        }
    }

    /// The manifest entry for this code.
    public var resultCode: ResultCode { ResultCode(code, meaning) }
}
