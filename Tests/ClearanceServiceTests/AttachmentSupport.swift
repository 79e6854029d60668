import ClearanceCore
import ClearanceImaging
import ClearanceService
import ClearanceStore
import Foundation

/// A service with a module that has image fields (one at top level, one in a repeat group) and a
/// confidential module, plus staff in every role the attachment rules distinguish.
struct ImageClinic {
    let dir: URL
    let service: ClinicService
    let admin: Session, nurse: Session, counsellor: Session, clerk: Session, mo: Session

    static let imaging = """
    form:
      id: imaging
      version: "1"
      title: Imaging
      languages: [en]
    module:
      id: imaging
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [nurse, medical-officer]
      result_codes:
        - {code: IMG-DONE, meaning: Done}
      rules:
        - {code: IMG-DONE, when: "answered(${scan})"}
    fields:
      - {name: scan, type: image, label: Scan}
      - name: views
        type: repeat
        label: Extra views
        fields:
          - {name: picture, type: image, label: Picture}
    """

    static let secret = """
    form:
      id: secret
      version: "1"
      title: Confidential test
      languages: [en]
    module:
      id: secret
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [counsellor]
      read_roles: [counsellor, medical-officer]
      confidential: true
      result_codes:
        - {code: SEC-POS, meaning: Positive}
      rules:
        - {code: SEC-POS, when: "${result} = 'yes'"}
    fields:
      - {name: result, type: yes_no, label: Result, required: true}
    """

    static let pack = RulePack(id: "img-prog", version: "1", title: "Imaging programme", destination: "Testland",
                               requirements: [ModuleRequirement(module: "imaging")], outcomes: [], validity: Validity(months: 6))

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-att-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let modules: [any ScreeningModule] = try [ImageClinic.imaging, ImageClinic.secret].map { text in
            let f = try FormLoader.load(yaml: text, origin: "test.yaml")
            return DeclarativeModule(form: f.form, spec: f.module!)
        }
        let host = HostEnvironment(registry: ModuleRegistry(modules: modules), programmes: ProgrammeCatalog(packs: [ImageClinic.pack]))
        service = try ClinicService(databasePath: dir.appendingPathComponent("t.sqlite").path, host: host,
                                    clock: FixedClock(LocalDate("2026-11-20")!), passwordHasher: PasswordHasher(iterations: 1_000))
        try service.createFirstAdmin(username: "admin", displayName: "Admin", password: "password1234")
        admin = try service.signIn(username: "admin", password: "password1234")
        for (u, r) in [("nurse", Role.nurse), ("counsellor", .counsellor), ("clerk", .clerk), ("mo", .medicalOfficer)] {
            _ = try service.addUser(username: u, displayName: u, roles: [r], registrationNumber: nil, password: "password1234", by: admin)
        }
        nurse = try service.signIn(username: "nurse", password: "password1234")
        counsellor = try service.signIn(username: "counsellor", password: "password1234")
        clerk = try service.signIn(username: "clerk", password: "password1234")
        mo = try service.signIn(username: "mo", password: "password1234")
    }

    /// A registered adult with an open case: (person id, case id).
    func openCase(document: String = "P1") throws -> (person: Int64, caseID: Int64) {
        let p = try service.addPerson(PersonInput(surname: "Haddad", givenNames: "Layla", dateOfBirth: LocalDate("1990-03-02")!,
                                                  sex: "F", nationality: "JOR", documentNumber: document), by: clerk)
        return (p.id, try service.openCase(personID: p.id, programme: "img-prog", by: clerk).id)
    }

    /// An imaging encounter without images, recorded by the nurse.
    func imagingEncounter() throws -> Int64 {
        try service.record(module: "imaging", caseID: try openCase().caseID, json: [:], final: false, by: nurse).encounterID
    }

    /// A file in this clinic's directory.
    func write(_ data: Data, _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func count(_ table: String) throws -> Int {
        try service.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    /// Rows of the tables an attachment writes to: attachments, renditions, audit entries, encounters.
    func counts() throws -> [Int] {
        try ["attachments", "attachment_renditions", "audit_log", "encounters"].map(count)
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }

    // MARK: - Images

    /// The imaging library's PNG fixtures (real files from several encoders).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ClearanceImagingTests/Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A 16-bit grey gradient of `width` x `height`, as PNG bytes.
    static func grey16(width: Int, height: Int) throws -> Data {
        var samples = [UInt16](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width { samples[y * width + x] = UInt16((x * 65535) / max(1, width - 1)) ^ UInt16(y & 0xFF) } }
        return Data(try PNGEncoder.encodeGrey16(width: width, height: height, samples: samples))
    }
}

extension AttachmentKind {
    /// The chest X-ray module's attachment kind (declared in its manifest).
    static let cxr = AttachmentKind("cxr")
}
