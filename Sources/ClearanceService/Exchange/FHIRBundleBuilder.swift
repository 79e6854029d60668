import ClearanceCore
import ClearanceStore
import Foundation

/// Builds the FHIR R4 (4.0.1) `Bundle` of one exported case (type `collection`):
///
/// - `Patient`: the travel document as identifier (type, issuing country), the name as written
///   (native script) and, for a name not in Latin script, its Latin transliteration;
/// - an `Encounter` per module encounter (period, clinic, recorder);
/// - an `Observation` per answer, a repeat group's instance as one `Observation` with a
///   component per sub-answer, LOINC codes where ``FHIRCodes`` lists them and UCUM units;
///   audiometry thresholds as members of the 89015-2 panel;
/// - one `Observation` per result code, coded in the deployment's CodeSystem (included);
/// - a `DiagnosticReport` for the chest X-ray reading, `Media` for each image (size, SHA-256);
/// - the fitness outcome as an `Observation` (final when decided, else the proposal, preliminary).
///
/// Resources of confidential modules carry `meta.security` R (HL7 v3 Confidentiality); so does the
/// Bundle holding them. What is in ``ExportedCase`` is already redacted for the user.
public struct FHIRBundleBuilder: Sendable {
    public let settings: ExchangeSettings
    /// The CodeSystem resource, built once.
    let codeSystem: JSONValue

    /// - Parameters:
    ///   - registry: the modules whose result codes make up the CodeSystem.
    ///   - readable: which modules' codes the reader may see; the CodeSystem lists only theirs
    ///     (a confidential module's catalogue of codes says what it screens for).
    public init(settings: ExchangeSettings, registry: ModuleRegistry, readable: (String) -> Bool = { _ in true }) {
        self.settings = settings
        var concepts: [JSONValue] = []
        var seen = Set<String>()
        for m in registry.modules.sorted(by: { $0.manifest.id < $1.manifest.id }) where readable(m.manifest.id) {
            for r in m.manifest.resultCodes where seen.insert(r.code).inserted {
                concepts.append(.object([("code", .string(r.code)), ("display", .string(r.meaning.en))]))
            }
        }
        for d in FitnessDecision.allCases where seen.insert(d.rawValue).inserted {
            concepts.append(.object([("code", .string(d.rawValue)), ("display", .string("Fitness: \(d.label.lowercased())"))]))
        }
        codeSystem = JSONValue.object([
            ("resourceType", "CodeSystem"), ("id", "clearance-result-codes"), ("url", .string(settings.codeSystemURL)),
            ("name", "ClearanceResultCodes"), ("title", "Clearance screening result codes"), ("status", "active"),
            ("caseSensitive", true), ("content", "complete"), ("concept", .array(concepts)),
        ]).serializedForReuse
    }

    /// The Bundle of `exported`, stamped `timestamp` (a store timestamp).
    public func bundle(_ exported: ExportedCase, timestamp: String) -> JSONValue {
        var b = Builder(settings: settings, exported: exported)
        b.add("CodeSystem", "clearance-result-codes", codeSystem)
        b.patient()
        for e in exported.encounters { b.encounter(e) }
        b.fitness()
        let confidential = exported.encounters.contains(where: \.confidential)
        return .members([
            ("resourceType", "Bundle"), ("id", .string("case-\(exported.caseInfo.id)")),
            ("meta", confidential ? .object([("security", Builder.restricted)]) : nil),
            ("identifier", .object([("system", .string("\(settings.baseURL)/case")), ("value", .string("\(exported.caseInfo.site)-\(exported.caseInfo.id)"))])),
            ("type", "collection"), ("timestamp", .string(timestamp)),
            ("entry", .array(b.entries)),
        ])
    }
}

/// The resources of one Bundle as they are added.
private struct Builder {
    let settings: ExchangeSettings
    let exported: ExportedCase
    var entries: [JSONValue] = []
    var patientRef: JSONValue { .object([("reference", .string("Patient/person-\(exported.person.id)"))]) }

    static let restricted: JSONValue = .array([.object([("system", .string(FHIRCodes.confidentiality)), ("code", "R"), ("display", "restricted")])])

    init(settings: ExchangeSettings, exported: ExportedCase) { self.settings = settings; self.exported = exported }

    mutating func add(_ type: String, _ id: String, _ resource: JSONValue) {
        entries.append(.object([("fullUrl", .string("\(settings.baseURL)/\(type)/\(id)")), ("resource", resource)]))
    }

    // MARK: - Patient

    mutating func patient() {
        let p = exported.person
        let (typeCode, typeText) = FHIRCodes.documentTypeCode(p.documentType)
        let type: JSONValue = typeCode == "TRAVEL"
            ? .object([("text", .string(p.documentType))])
            : .object([("coding", .array([.object([("system", .string(FHIRCodes.identifierType)), ("code", .string(typeCode)), ("display", .string(typeText))])])),
                       ("text", .string(p.documentType))])
        let identifier: JSONValue = .members([
            ("use", "official"), ("type", type),
            ("system", .string("\(settings.baseURL)/identifier/\(p.documentType)/\(p.nationality)")),
            ("value", .string(p.documentNumber)),
            ("period", p.documentExpiry.map { .object([("end", .string($0.description))]) }),
            ("assigner", .object([("display", .string(p.nationality))])),
        ])
        var names = [Self.humanName(surname: p.surname, given: p.givenNames, script: PersonNames.script(of: p.surname + p.givenNames))]
        if let latin = PersonNames.latin(surname: p.surname, given: p.givenNames) {
            names.append(Self.humanName(surname: latin.surname, given: latin.given, script: "Latn"))
        }
        let gender: String = ["F": "female", "M": "male"][p.sex] ?? "other"
        let nationality: JSONValue = .object([
            ("url", "http://hl7.org/fhir/StructureDefinition/patient-nationality"),
            ("extension", .array([.object([("url", "code"), ("valueCodeableConcept", .object([
                ("coding", .array([.object([("system", "urn:iso:std:iso:3166"), ("code", .string(p.nationality))])]))]))])])),
        ])
        add("Patient", "person-\(p.id)", .members([
            ("resourceType", "Patient"), ("id", .string("person-\(p.id)")),
            ("extension", .array([nationality])),
            ("identifier", .array([identifier])),
            ("name", .array(names)), ("gender", .string(gender)), ("birthDate", .string(p.dateOfBirth.description)),
            ("contact", p.guardian.map { .array([.object([("name", .object([("text", .string($0))]))])]) }),
        ]))
    }

    static func humanName(surname: String, given: String, script: String) -> JSONValue {
        let givens = given.split(separator: " ").map { JSONValue.string(String($0)) }
        return .object([
            ("extension", .array([.object([("url", "http://hl7.org/fhir/StructureDefinition/language"), ("valueCode", .string("und-\(script)"))])])),
            ("use", "official"), ("text", .string("\(given) \(surname)")), ("family", .string(surname)), ("given", .array(givens)),
        ])
    }

    // MARK: - Encounters and their answers

    mutating func encounter(_ e: ExportedEncounter) {
        let encounterID = "encounter-\(e.id)"
        let security: JSONValue? = e.confidential ? .object([("security", Self.restricted)]) : nil
        let moduleCoding: JSONValue = .object([("system", .string(settings.fieldSystemURL)), ("code", .string(e.module)), ("display", .string(e.title))])
        add("Encounter", encounterID, .members([
            ("resourceType", "Encounter"), ("id", .string(encounterID)), ("meta", security),
            ("status", e.status == "final" ? "finished" : "in-progress"),
            ("class", .object([("system", .string(FHIRCodes.actCode)), ("code", "AMB"), ("display", "ambulatory")])),
            ("type", .array([.object([("coding", .array([moduleCoding])), ("text", .string(e.title))])])),
            ("subject", patientRef),
            ("participant", .array([.object([("individual", .object([("display", .string(e.recordedBy))]))])])),
            ("period", .object([("start", .string(e.recordedAt))])),
            ("location", .array([.object([("location", .object([("display", .string(exported.caseInfo.site))]))])])),
        ]))
        let context = ObservationContext(encounter: e, encounterRef: .object([("reference", .string("Encounter/\(encounterID)"))]),
                                         subject: patientRef, security: security, settings: settings)
        var refs: [String: [JSONValue]] = [:]   // observation references by LOINC panel or report
        var resultRefs: [JSONValue] = []
        var media: [JSONValue] = []
        var n = 0
        if let answers = e.answers, let form = e.form {
            for field in form.fields {
                guard let value = answers[field.name] else { continue }
                if field.type == .image {
                    if case .image(let id) = value, let info = e.attachments.first(where: { $0.id == id }) {
                        let mediaID = "media-\(info.id)"
                        add("Media", mediaID, context.media(info, id: mediaID, label: field.label.en))
                        media.append(.object([("link", .object([("reference", .string("Media/\(mediaID)"))]))]))
                    }
                    continue
                }
                for resource in context.observations(field: field, value: value, form: form) {
                    n += 1
                    let id = "obs-\(e.id)-\(n)"
                    add("Observation", id, resource.with(id: id))
                    let ref: JSONValue = .object([("reference", .string("Observation/\(id)"))])
                    resultRefs.append(ref)
                    if let panel = FHIRCodes.panel(module: e.module), let loinc = FHIRCodes.loinc(module: e.module, path: field.name), loinc != panel {
                        refs["panel", default: []].append(ref)
                    }
                }
            }
        }
        // Images attached to the encounter that no image answer names.
        for info in e.attachments where !media.contains(where: { $0.serialized().contains("\"Media/media-\(info.id)\"") }) {
            let mediaID = "media-\(info.id)"
            add("Media", mediaID, context.media(info, id: mediaID, label: info.kind))
            media.append(.object([("link", .object([("reference", .string("Media/\(mediaID)"))]))]))
        }
        if let members = refs["panel"], !members.isEmpty, let panel = FHIRCodes.panel(module: e.module) {
            n += 1
            let id = "obs-\(e.id)-\(n)"
            add("Observation", id, context.base(code: context.code(loinc: panel, path: "panel", label: panel.display))
                .appending([("hasMember", .array(members))]).with(id: id))
        }
        let registryMeanings = e.resultCodes
        for code in registryMeanings {
            n += 1
            let id = "obs-\(e.id)-\(n)"
            add("Observation", id, context.resultObservation(code).with(id: id))
            resultRefs.append(.object([("reference", .string("Observation/\(id)"))]))
        }
        if FHIRCodes.isDiagnosticReport(module: e.module), e.answers != nil {
            let reportID = "report-\(e.id)"
            let codes = e.resultCodes.map { JSONValue.object([("coding", .array([.object([("system", .string(settings.codeSystemURL)), ("code", .string($0))])]))]) }
            add("DiagnosticReport", reportID, .members([
                ("resourceType", "DiagnosticReport"), ("id", .string(reportID)), ("meta", security),
                ("status", .string(context.status)),
                ("category", .array([.object([("coding", .array([.object([("system", "http://terminology.hl7.org/CodeSystem/v2-0074"), ("code", "RAD"), ("display", "Radiology")])]))])])),
                ("code", .object([("coding", .array([moduleCoding])), ("text", .string(e.title))])),
                ("subject", patientRef), ("encounter", context.encounterRef), ("effectiveDateTime", .string(e.recordedAt)),
                ("performer", .array([.object([("display", .string(e.recordedBy))])])),
                ("result", resultRefs.isEmpty ? nil : .array(resultRefs)),
                ("media", media.isEmpty ? nil : .array(media)),
                ("conclusion", e.resultCodes.isEmpty ? nil : .string(e.resultCodes.joined(separator: " "))),
                ("conclusionCode", codes.isEmpty ? nil : .array(codes)),
            ]))
        }
    }

    // MARK: - Fitness

    mutating func fitness() {
        let decided = exported.decision
        let outcome = decided?.decision ?? exported.proposed
        let id = "fitness-\(exported.caseInfo.id)"
        add("Observation", id, .members([
            ("resourceType", "Observation"), ("id", .string(id)),
            ("status", decided == nil ? "preliminary" : "final"),
            ("code", .object([("coding", .array([.object([("system", .string(settings.fieldSystemURL)), ("code", "fitness"), ("display", "Fitness for migration")])])),
                              ("text", "Fitness for migration")])),
            ("subject", patientRef),
            ("effectiveDateTime", decided.map { .string($0.decidedAt) }),
            ("performer", decided.map { .array([.object([("display", .string($0.decidedBy))])]) }),
            // A decision withheld from the exporter (the case holds what they may not read)
            // is final but masked: no outcome, no conditions.
            ("valueCodeableConcept", decided?.withheld == true ? nil : .object([("coding", .array([.object([("system", .string(settings.codeSystemURL)), ("code", .string(outcome.rawValue)),
                                                                          ("display", .string("Fitness: \(outcome.label.lowercased())"))])])),
                                              ("text", .string(outcome.label))])),
            ("dataAbsentReason", decided?.withheld == true
                ? .object([("coding", .array([.object([("system", "http://terminology.hl7.org/CodeSystem/data-absent-reason"), ("code", "masked"), ("display", "Masked")])])),
                           ("text", .string("decided; \(DecisionView.withheldReason)"))])
                : nil),
            ("note", decided?.withheld == true ? nil : decided?.conditions.map { .array([.object([("text", .string("Conditions: \($0)"))])]) }),
        ]))
    }
}

/// What every Observation of one encounter shares, and how answers become values.
private struct ObservationContext {
    let encounter: ExportedEncounter
    let encounterRef: JSONValue
    let subject: JSONValue
    let security: JSONValue?
    let settings: ExchangeSettings

    var status: String { encounter.status != "final" || encounter.pending ? "preliminary" : "final" }

    func code(loinc: FHIRCodes.Code?, path: String, label: String) -> JSONValue {
        var codings: [JSONValue] = []
        if let loinc { codings.append(.object([("system", .string(FHIRCodes.loinc)), ("code", .string(loinc.code)), ("display", .string(loinc.display))])) }
        codings.append(.object([("system", .string(settings.fieldSystemURL)), ("code", .string("\(encounter.module).\(path)")), ("display", .string(label))]))
        return .object([("coding", .array(codings)), ("text", .string(label))])
    }

    func base(code: JSONValue) -> JSONValue {
        .members([
            ("resourceType", "Observation"), ("meta", security), ("status", .string(status)), ("code", code),
            ("subject", subject), ("encounter", encounterRef), ("effectiveDateTime", .string(encounter.recordedAt)),
            ("performer", .array([.object([("display", .string(encounter.recordedBy))])])),
        ])
    }

    /// The Observations of one top-level answer: one, or one per repeat instance.
    func observations(field: Field, value: Value, form: FormSpec) -> [JSONValue] {
        let fieldCode = code(loinc: FHIRCodes.loinc(module: encounter.module, path: field.name), path: field.name, label: field.label.en)
        switch value {
        case .group(let instances):
            return instances.map { instance in
                var components: [JSONValue] = []
                for sub in field.fields {
                    guard let v = instance[sub.name], sub.type != .image else { continue }
                    let subCode = code(loinc: FHIRCodes.loinc(module: encounter.module, path: "\(field.name).\(sub.name)"),
                                       path: "\(field.name).\(sub.name)", label: sub.label.en)
                    components.append(.members([("code", subCode)] + valueMembers(sub, v, form: form, component: true)))
                }
                return base(code: fieldCode).appending([("component", components.isEmpty ? nil : .array(components))])
            }
        case .choices(let selected):
            let components = selected.map { choice in
                JSONValue.object([("code", fieldCode), ("valueCodeableConcept", concept(field, choice, form: form))])
            }
            return [base(code: fieldCode).appending([("component", .array(components))])]
        default:
            return [base(code: fieldCode).appending(valueMembers(field, value, form: form, component: false))]
        }
    }

    func concept(_ field: Field, _ value: String, form: FormSpec) -> JSONValue {
        let label = form.choices(for: field).first { $0.value == value }?.label.en ?? value
        return .object([("coding", .array([.object([("system", .string("\(settings.fieldSystemURL)/\(encounter.module)/\(field.choiceList ?? field.name)")),
                                                   ("code", .string(value)), ("display", .string(label))])])), ("text", .string(label))])
    }

    func quantity(_ number: JSONValue, unit: String?) -> JSONValue {
        guard let unit else { return .object([("value", number)]) }
        return .members([("value", number), ("unit", .string(unit)),
                         ("system", FHIRCodes.ucum(unit).map { _ in .string(FHIRCodes.ucum) }), ("code", FHIRCodes.ucum(unit).map { .string($0) })])
    }

    func valueMembers(_ field: Field, _ value: Value, form: FormSpec, component: Bool) -> [(String, JSONValue?)] {
        switch value {
        case .text(let s): return [("valueString", .string(s))]
        case .integer(let i): return field.unit == nil ? [("valueInteger", .integer(i))] : [("valueQuantity", quantity(.integer(i), unit: field.unit))]
        case .decimal(let d): return [("valueQuantity", quantity(.number(d), unit: field.unit))]
        case .date(let d): return [("valueDateTime", .string(d.description))]
        case .bool(let b): return [("valueBoolean", .bool(b))]
        case .choice(let c): return [("valueCodeableConcept", concept(field, c, form: form))]
        case .choices(let c): return [("valueString", .string(c.joined(separator: ", ")))]
        case .image(let id): return [("valueString", .string("attachment \(id)"))]
        case .group(let g): return [("valueString", .string("\(g.count) entries"))]
        }
    }

    func resultObservation(_ code: String) -> JSONValue {
        base(code: .object([("coding", .array([.object([("system", .string(settings.fieldSystemURL)), ("code", .string("\(encounter.module).result")),
                                                        ("display", .string("\(encounter.title) result"))])])),
                            ("text", .string("\(encounter.title) result"))]))
            .appending([("valueCodeableConcept", .object([("coding", .array([.object([("system", .string(settings.codeSystemURL)), ("code", .string(code))])])),
                                                          ("text", .string(code))]))])
    }

    /// A `Media` for an attachment: content type, size and the SHA-256 as an RFC 6920 `ni` URI.
    func media(_ info: AttachmentInfo, id: String, label: String) -> JSONValue {
        .members([
            ("resourceType", "Media"), ("id", .string(id)), ("meta", security),
            ("identifier", .array([.object([("system", "urn:ietf:rfc:3986"), ("value", .string(ContentHash.niURI(sha256Hex: info.sha256)))])])),
            ("status", "completed"),
            ("type", .object([("coding", .array([.object([("system", "http://terminology.hl7.org/CodeSystem/media-type"), ("code", "image"), ("display", "Image")])]))])),
            ("subject", subject), ("encounter", encounterRef), ("createdDateTime", .string(info.createdAt)),
            ("content", .object([("contentType", .string(info.mediaType)), ("size", .integer(Int(info.byteSize))), ("title", .string(label))])),
            ("note", .array([.object([("text", .string("sha256:\(info.sha256)"))])])),
        ])
    }
}

extension JSONValue {
    /// The value serialized once, to be written as it is wherever it appears.
    var serializedForReuse: JSONValue { .serializedText(serialized()) }

    /// An object with `members` added at the end (nil values left out).
    func appending(_ members: [(String, JSONValue?)]) -> JSONValue {
        guard case .object(let existing) = self else { return self }
        return .object(existing + members.compactMap { k, v in v.map { (k, $0) } })
    }

    /// An object with `id` as its second member (after `resourceType`).
    func with(id: String) -> JSONValue {
        guard case .object(var m) = self else { return self }
        m.insert(("id", .string(id)), at: min(1, m.count))
        return .object(m)
    }
}
