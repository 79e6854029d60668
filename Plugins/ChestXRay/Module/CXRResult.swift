import ClearanceCore

/// The overall chest X-ray codes; a reading gives exactly one.
public enum CXRResult: String, CaseIterable, Sendable {
    case normal = "CXR-NORMAL"
    case tbSuggestive = "CXR-TB-SUGGESTIVE"
    case abnormalFollowUp = "CXR-ABN-FOLLOWUP"
    case abnormalNoAction = "CXR-ABN-NOACTION"
    case notDone = "CXR-NOT-DONE"

    /// The code as stored and shown: `CXR-TB-SUGGESTIVE`.
    public var code: String { rawValue }

    /// What the code means, in English, French and Spanish.
    public var meaning: LocalizedText {
        switch self {
        case .normal:
            return LocalizedText(["en": "Chest X-ray normal", "fr": "Radiographie thoracique normale",
                                  "es": "Radiografía de tórax normal"])
        case .tbSuggestive:
            return LocalizedText(["en": "Findings suggest TB: sputum smears and cultures required",
                                  "fr": "Anomalies évocatrices de tuberculose : examens et cultures d'expectoration requis",
                                  "es": "Hallazgos sugestivos de TB: se requieren baciloscopias y cultivos de esputo"])
        case .abnormalFollowUp:
            return LocalizedText(["en": "Abnormality not suggesting TB, needs follow-up (Class B other)",
                                  "fr": "Anomalie non évocatrice de tuberculose, à surveiller (classe B autre)",
                                  "es": "Anomalía no sugestiva de TB, requiere seguimiento (clase B otra)"])
        case .abnormalNoAction:
            return LocalizedText(["en": "Abnormality needing no action",
                                  "fr": "Anomalie ne nécessitant aucune action",
                                  "es": "Anomalía que no requiere acción"])
        case .notDone:
            return LocalizedText(["en": "Chest X-ray not done", "fr": "Radiographie thoracique non réalisée",
                                  "es": "Radiografía de tórax no realizada"])
        }
    }

    /// The manifest entry for this code.
    public var resultCode: ResultCode { ResultCode(code, meaning) }
}
