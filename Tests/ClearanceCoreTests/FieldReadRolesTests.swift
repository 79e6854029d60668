import Testing
import ClearanceCore

/// `read_roles` (who reads a stored answer back) apart from `roles` (who sees and answers it),
/// and `awaited` (answered later by its roles).
@Suite("Field read roles and awaited fields")
struct FieldReadRolesTests {
    static let yaml = """
    form:
      id: intake
      version: "1"
      title: Intake
    fields:
      - name: cough
        type: yes_no
        label: Cough
      - name: status
        type: yes_no
        label: Status
        roles: [nurse, counsellor, medical-officer]
        read_roles: [counsellor, medical-officer]
      - name: samples
        type: repeat
        label: Samples
        fields:
          - {name: taken, type: date, label: Taken}
          - {name: result, type: text, label: Result, roles: [nurse], read_roles: [medical-officer]}
      - name: reading
        type: text
        label: Reading
        roles: [radiologist]
        awaited: true
    """

    @Test func readRolesAreApartFromWhoAnswers() throws {
        let form = try FormLoader.load(yaml: Self.yaml, origin: "intake.yaml").form
        let status = FieldPath(field: "status")
        #expect(form.isVisible(status, to: [.nurse]), "the nurse answers it")
        #expect(!form.isReadable(status, by: [.nurse]), "but does not read it back")
        #expect(form.isReadable(status, by: [.counsellor]) && form.isReadable(FieldPath(field: "cough"), by: [.clerk]))
        // Without read_roles, roles decide reading too.
        #expect(!form.isReadable(FieldPath(field: "reading"), by: [.nurse]) && form.isReadable(FieldPath(field: "reading"), by: [.radiologist]))
        var a = Answers()
        a["cough"] = .bool(true); a["status"] = .bool(true)
        var row = Answers(); row["taken"] = .date(LocalDate("2026-01-02")!); row["result"] = .text("pos")
        a["samples"] = .group([row])
        let nurse = form.readableAnswers(a, by: [.nurse])
        #expect(nurse["status"] == nil && nurse["cough"] == .bool(true))
        #expect(nurse["samples"]?.instances.first?["result"] == nil && nurse["samples"]?.instances.first?["taken"] != nil)
        #expect(form.hasUnreadableAnswers(a, by: [.nurse]) && !form.hasUnreadableAnswers(a, by: [.medicalOfficer, .counsellor]))
        #expect(form.field(named: "reading")?.awaited == true && form.field(named: "status")?.awaited == false)
    }

    @Test func badReadRolesAndAwaitedWithoutRolesAreRefusedWithTheirLine() {
        let text = """
        form:
          id: bad
          version: "1"
          title: Bad
        fields:
          - {name: a, type: text, label: A, read_roles: [wizard]}
          - {name: b, type: text, label: B, read_roles: []}
          - {name: c, type: text, label: C, awaited: true}
        """
        let problems = FormLoader.lint(yaml: text, origin: "bad.yaml").map(\.description)
        #expect(problems.contains { $0.contains(":6:") && $0.contains("unknown role 'wizard'") }, "\(problems)")
        #expect(problems.contains { $0.contains(":7:") && $0.contains("read_roles") && $0.contains("empty") }, "\(problems)")
        #expect(problems.contains { $0.contains(":8:") && $0.contains("awaited") && $0.contains("needs roles") }, "\(problems)")
    }
}
