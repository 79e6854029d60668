import ClearanceCore
import ClearanceForms
import Yams

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

    /// What the code table says about one module.
    struct ModuleCodes: Sendable {
        var panel: Code?
        var diagnosticReport = false
        var fields: [String: Code] = [:]
    }

    /// The code table, read once from `Forms/exchange/fhir-codes.yaml` (embedded in the binary):
    /// data, so that the host names no module and a team adds codes for its own module there.
    static let table: [String: ModuleCodes] = load(embeddedForms["exchange/fhir-codes.yaml"] ?? "")

    /// Parses the code table; an unreadable file gives no codes (every field is then coded in
    /// the deployment's own CodeSystem), which a test guards against.
    static func load(_ yaml: String) -> [String: ModuleCodes] {
        guard let root = (try? Yams.load(yaml: yaml)) as? [String: Any], let modules = root["modules"] as? [String: Any] else { return [:] }
        func code(_ any: Any?) -> Code? {
            guard let o = any as? [String: Any], let c = o["code"].map({ "\($0)" }) else { return nil }
            return Code(code: c, display: o["display"].map { "\($0)" } ?? c)
        }
        var out: [String: ModuleCodes] = [:]
        for (id, any) in modules {
            guard let o = any as? [String: Any] else { continue }
            var m = ModuleCodes(panel: code(o["panel"]), diagnosticReport: (o["report"] as? String) == "diagnostic")
            for (path, c) in (o["fields"] as? [String: Any]) ?? [:] { m.fields[path] = code(c) }
            out[id] = m
        }
        return out
    }

    /// The LOINC code of a field of a module (`path` without repeat indices: `specimens.culture`).
    public static func loinc(module: String, path: String) -> Code? { table[module]?.fields[path] }

    /// The LOINC panel a module's coded fields are members of, if the table names one.
    public static func panel(module: String) -> Code? { table[module]?.panel }

    /// Whether a module's reading is a radiology report (a `DiagnosticReport`).
    static func isDiagnosticReport(module: String) -> Bool { table[module]?.diagnosticReport ?? false }

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
