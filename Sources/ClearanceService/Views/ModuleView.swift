import ClearanceCore

/// A module as `modules list` and `modules show` print it: its manifest, what it declares to
/// the host, and (in full) its result codes and fields.
public struct ModuleView: JSONView, Sendable {
    public struct Code: Encodable, Sendable { public var code: String; public var meaning: String }
    public struct Fact: Encodable, Sendable {
        public var name: String; public var meaning: String
        public var whenCodes: [String]
        enum CodingKeys: String, CodingKey { case name, meaning, whenCodes = "when_codes" }
    }
    public struct FieldLine: Encodable, Sendable { public var name: String; public var type: String; public var label: String }
    public struct Form: Encodable, Sendable {
        public var version: String; public var hash: String; public var languages: [String]; public var fields: [FieldLine]
    }

    public var id: String
    public var version: String
    public var source: String
    public var hostAPI: String
    public var title: String
    public var confidential: Bool
    public var recordRoles: [String]
    public var readRoles: [String]?
    public var attachmentKinds: [String]
    public var programmeSettings: [String]
    public var facts: [Fact]
    public var formVersion: String
    /// Only in the full view (`modules show`).
    public var resultCodes: [Code]?
    /// Codes meaning the examination was not done (full view only).
    public var notDoneCodes: [String]?
    /// The rule-pack parameters the module reads, when it declares them (full view only).
    public var parameters: [Parameter]?
    public var form: Form?

    /// A rule-pack parameter a module reads.
    public struct Parameter: Encodable, Sendable { public var name: String; public var meaning: String }

    enum CodingKeys: String, CodingKey {
        case id, version, source, hostAPI = "host_api", title, confidential, recordRoles = "record_roles", readRoles = "read_roles"
        case attachmentKinds = "attachment_kinds", programmeSettings = "programme_settings", facts, formVersion = "form_version"
        case resultCodes = "result_codes", notDoneCodes = "not_done_codes", parameters, form
    }

    /// - Parameters:
    ///   - full: with result codes and fields (`modules show`).
    ///   - language: of titles, meanings and labels.
    public init(_ module: any ScreeningModule, full: Bool, language: String = "en") {
        let m = module.manifest
        id = m.id; version = m.version.description; source = module.source.rawValue; hostAPI = m.hostAPI.description
        title = m.title.text(language); confidential = m.confidential
        recordRoles = m.recordRoles.map(\.rawValue).sorted(); readRoles = m.readRoles.map { $0.map(\.rawValue).sorted() }
        attachmentKinds = m.acceptedAttachmentKinds; programmeSettings = m.programmeSettings
        facts = m.facts.map { Fact(name: $0.name, meaning: $0.meaning.text(language), whenCodes: $0.whenCodes) }
        formVersion = module.form.version
        if full {
            resultCodes = m.resultCodes.map { Code(code: $0.code, meaning: $0.meaning.text(language)) }
            notDoneCodes = m.notDoneCodes.sorted()
            parameters = m.parameters.map { $0.map { Parameter(name: $0.name, meaning: $0.meaning) } }
            form = Form(version: module.form.version, hash: module.form.hash, languages: module.form.languages,
                        fields: module.form.allFields.map { FieldLine(name: $0.name, type: $0.type.rawValue, label: $0.label.text(language)) })
        }
    }
}
