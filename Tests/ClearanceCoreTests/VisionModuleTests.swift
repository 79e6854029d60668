import Foundation
import Testing
import ClearanceForms
@testable import ClearanceCore

@Suite("Vision declarative module")
struct VisionModuleTests {
    func module() throws -> DeclarativeModule {
        let text = try #require(embeddedForms["modules/vision.yaml"])
        let file = try FormLoader.load(yaml: text, origin: "Forms/modules/vision.yaml")
        return DeclarativeModule(form: file.form, spec: try #require(file.module))
    }

    func derive(_ json: [String: Any], parameters: [String: Value] = [:]) throws -> (codes: [String], issues: [ValidationIssue]) {
        let m = try module()
        let ctx = ModuleContext(today: Fixtures.today, parameters: parameters)
        let answers = try m.form.decodeAnswers(json)
        let ev = FormEvaluator(form: m.form, context: ctx)
        return (m.derive(ev.normalized(answers), context: ctx).resultCodes, ev.validate(answers))
    }

    @Test func manifestComesFromTheFile() throws {
        let m = try module()
        #expect(m.manifest.id == "vision")
        #expect(m.manifest.version == SemanticVersion(1, 1, 0))
        #expect(m.manifest.recordRoles == [.nurse, .medicalOfficer])
        #expect(m.manifest.resultCodes.map(\.code) == ["VIS-NORMAL", "VIS-REFER", "VIS-MONOCULAR", "VIS-COLOUR", "VIS-NOT-DONE"])
        #expect(m.manifest.title.text("fr") == "Acuité visuelle")
    }

    let base: [String: Any] = ["tested": "yes", "test_date": "2026-03-10", "chart": "snellen", "corrective_lenses": "no"]

    @Test func normalVision() throws {
        let r = try derive(base.merging(["right_acuity": 1.0, "left_acuity": 0.8]) { $1 })
        #expect(r.issues == [])
        #expect(r.codes == ["VIS-NORMAL"])
    }

    @Test func referralMonocularAndColour() throws {
        let r = try derive(base.merging(["right_acuity": 0.02, "left_acuity": 1.0, "remarks": "amblyopia",
                                         "colour_tested": "yes", "plates_correct": 9]) { $1 })
        #expect(r.issues == [])
        #expect(r.codes == ["VIS-REFER", "VIS-MONOCULAR", "VIS-COLOUR"])
    }

    @Test func programmeParameterMovesTheThreshold() throws {
        let answers = base.merging(["right_acuity": 0.6, "left_acuity": 0.6]) { $1 }
        #expect(try derive(answers).codes == ["VIS-NORMAL"])
        #expect(try derive(answers, parameters: ["refer_below": .decimal(0.7)]).codes == ["VIS-REFER"])
    }

    @Test func notTestedDropsTheRest() throws {
        let r = try derive(["tested": "no", "reason_not_tested": "declined", "right_acuity": 0.3])
        #expect(r.issues == [])
        #expect(r.codes == ["VIS-NOT-DONE"])
    }

    @Test func remarksRequiredWhenReferred() throws {
        let r = try derive(base.merging(["right_acuity": 0.3, "left_acuity": 0.3]) { $1 })
        #expect(r.issues.map(\.description) == ["remarks: Remarks: an answer is required"])
    }

    @Test func embeddedCopyIsFresh() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let disk = try String(contentsOf: root.appendingPathComponent("Forms/modules/vision.yaml"), encoding: .utf8)
        // scripts/embed-forms drops the file's final newline (a multi-line literal ends before it).
        func trimmed(_ s: String?) -> String? { s.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 } }
        #expect(trimmed(disk) == trimmed(embeddedForms["modules/vision.yaml"]), "run scripts/embed-forms")
    }
}
