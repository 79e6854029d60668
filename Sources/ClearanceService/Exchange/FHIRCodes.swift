import ClearanceCore

/// The standard codes a FHIR export uses: LOINC for the answers the exchange reference lists
/// (docs: /shared/domain/EXCHANGE.md; each checked against the public implementation guides it
/// names), UCUM for units, HL7 terminology for the rest. A field with no LOINC code is coded
/// in the deployment's own field CodeSystem (``ExchangeSettings/fieldSystemURL``).
public enum FHIRCodes {
    public static let loinc = "http://loinc.org"
    public static let ucum = "http://unitsofmeasure.org"
    public static let confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
    public static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    public static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    public static let identifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"

    /// A LOINC code and its display.
    public struct Code: Sendable, Hashable {
        public var code: String
        public var display: String
    }

    /// Audiometry air-conduction thresholds by ear and frequency (89015-2 panel members).
    static let audiometryAir: [String: [Int: Code]] = [
        "left": [500: Code(code: "89024-4", display: "Hearing threshold 500 Hz Ear-L"),
                 1000: Code(code: "89016-0", display: "Hearing threshold 1000 Hz Ear-L"),
                 2000: Code(code: "89018-6", display: "Hearing threshold 2000 Hz Ear-L"),
                 3000: Code(code: "89020-2", display: "Hearing threshold 3000 Hz Ear-L"),
                 4000: Code(code: "89022-8", display: "Hearing threshold 4000 Hz Ear-L"),
                 6000: Code(code: "89026-9", display: "Hearing threshold 6000 Hz Ear-L"),
                 8000: Code(code: "89028-5", display: "Hearing threshold 8000 Hz Ear-L")],
        "right": [500: Code(code: "89025-1", display: "Hearing threshold 500 Hz Ear-R"),
                  1000: Code(code: "89017-8", display: "Hearing threshold 1000 Hz Ear-R"),
                  2000: Code(code: "89019-4", display: "Hearing threshold 2000 Hz Ear-R"),
                  3000: Code(code: "89021-0", display: "Hearing threshold 3000 Hz Ear-R"),
                  4000: Code(code: "89023-6", display: "Hearing threshold 4000 Hz Ear-R"),
                  6000: Code(code: "89027-7", display: "Hearing threshold 6000 Hz Ear-R"),
                  8000: Code(code: "89029-3", display: "Hearing threshold 8000 Hz Ear-R")],
    ]

    /// The audiometry panel the thresholds are members of.
    public static let audiometryPanel = Code(code: "89015-2", display: "Audiometry panel, pure tone, air conduction")
    /// Chest X-ray impression and findings.
    public static let chestXRayImpression = Code(code: "19005-8", display: "Radiology Imaging study [Impression] (narrative)")
    public static let chestXRayFindings = Code(code: "18782-3", display: "Radiology Study observation (narrative)")

    /// Fields by module whose answers have a LOINC code (repeat sub-fields as `group.field`).
    static let fields: [String: [String: Code]] = [
        "hiv": Dictionary(uniqueKeysWithValues: ["a1_result", "a1_repeat_result", "a2_result", "a2_repeat_result", "a3_result", "a3_repeat_result"]
            .map { ($0, Code(code: "89365-1", display: "HIV 1 and 2 Ab panel, rapid immunoassay")) }),
        "tb": ["specimens.culture": Code(code: "539-7", display: "Mycobacterium sp identified in Sputum by Organism specific culture"),
               "specimens.naat": Code(code: "38379-4", display: "M. tuberculosis complex DNA by NAA"),
               "igra_result": Code(code: "71773-6", display: "M. tuberculosis stimulated gamma interferon panel")],
        "cxr": ["impression": chestXRayImpression, "findings": chestXRayFindings],
    ]

    /// The LOINC code of a field of a module (`path` without repeat indices: `specimens.culture`).
    public static func loinc(module: String, path: String) -> Code? {
        if let c = fields[module]?[path] { return c }
        if module == "audiometry" {
            let parts = path.split(separator: "_")
            if parts.count == 3, parts[1] == "air", let hz = Int(parts[2]) { return audiometryAir[String(parts[0])]?[hz] }
        }
        return nil
    }

    /// Modules whose reading is a radiology report (a `DiagnosticReport`).
    static let diagnosticReports: Set<String> = ["cxr"]

    /// The UCUM code of a unit as forms write it, or nil when UCUM has none (the unit is then
    /// given as text only).
    public static func ucum(_ unit: String) -> String? {
        switch unit {
        case "mm", "kg", "m", "cm", "h", "g", "L", "mL", "%": return unit
        case "dB HL", "dB": return "dB"
        case "IU/mL": return "[IU]/mL"
        case "weeks", "week": return "wk"
        case "days", "day": return "d"
        case "years", "year": return "a"
        case "mmHg": return "mm[Hg]"
        case "spots": return "{spots}"
        case "/min", "bpm": return "/min"
        case "°C", "Cel": return "Cel"
        case "mmol/L": return "mmol/L"
        default: return nil
        }
    }

    /// HL7 v2 identifier type of a travel document type.
    static func documentTypeCode(_ type: String) -> (String, String) {
        switch type {
        case "passport": return ("PPN", "Passport number")
        case "national-id": return ("NI", "National unique individual identifier")
        default: return ("TRAVEL", type)   // not in v2-0203: given as text too
        }
    }
}
