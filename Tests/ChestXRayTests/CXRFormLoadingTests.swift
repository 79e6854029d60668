import ClearanceCore
import Foundation
import Testing
@testable import ChestXRay

/// `Forms/cxr.yaml` loads, and its own rules catch the form-level boundaries.
@Suite struct CXRFormLoadingTests {
    let form: FormSpec
    let module: ChestXRayModule

    init() throws {
        form = try FormLoader.load(yaml: CXRFormFileTests.formText(), origin: "Forms/cxr.yaml").form
        module = ChestXRayModule(form: form)
    }

    func issues(_ a: Answers) -> [String] {
        FormEvaluator(form: form, context: CXRFixtures.context).validate(a).map(\.path.description)
    }

    @Test func loadsWithoutProblems() {
        #expect(FormLoader.lint(yaml: (try? CXRFormFileTests.formText()) ?? "", origin: "Forms/cxr.yaml") == [])
        #expect(form.id == "cxr")
        #expect(form.languages == ["en", "fr", "es"])
        #expect(form.field(named: "image")?.type == .image)
        let catalogue = Set(form.choiceLists["findings"]?.map(\.value) ?? [])
        #expect(catalogue == Set(FindingCatalogue.defaultTable.keys))
    }

    @Test func fixtureAnswersPassTheForm() {
        #expect(issues(CXRFixtures.reading("normal")) == [])
        #expect(issues(CXRFixtures.notDone()) == [])
        #expect(issues(CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("cavity")])) == [])
    }

    @Test func normalWithAFindingIsRejectedByTheForm() {
        #expect(issues(CXRFixtures.reading("normal", findings: [CXRFixtures.finding("cardiac")])) == ["impression"])
    }

    @Test func abnormalNeedsAFinding() {
        #expect(issues(CXRFixtures.reading("abnormal")) == ["findings"])
    }

    @Test func otherWithoutRemarksIsRejectedByTheForm() {
        #expect(issues(CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("other")])) == ["findings[1].remarks"])
    }

    @Test func costophrenicThickeningNeedsALateralViewInTheForm() {
        let f = CXRFixtures.finding("smooth_pleural_thickening", costophrenic: true)
        #expect(issues(CXRFixtures.reading("abnormal", findings: [f])) == ["findings[1].costophrenic_angle"])
        #expect(issues(CXRFixtures.reading("abnormal", findings: [f], views: ["pa", "decubitus"])) == [])
        #expect(issues(CXRFixtures.reading("abnormal", findings: [CXRFixtures.finding("smooth_pleural_thickening")]))
                == ["findings[1].costophrenic_angle"])
    }

    @Test func timeIsHHMMAndReadingNotBeforeTheFilm() {
        var a = CXRFixtures.reading("normal")
        a["xray_time"] = .text("9.30")
        a["reading_date"] = .date(LocalDate("2026-03-11")!)
        #expect(issues(a) == ["xray_time", "reading_date"])
    }

    @Test func notDoneNeedsAReason() {
        #expect(issues(Answers(["acquisition": .choice("not_done")])) == ["reason_not_done"])
    }

    @Test func templateIsValidAndNormal() throws {
        let answers = try form.decodeAnswers(form.template(context: CXRFixtures.context))
        #expect(issues(answers) == [])
        #expect(module.validate(answers, context: CXRFixtures.context).isEmpty)
        #expect(module.derive(answers, context: CXRFixtures.context).resultCodes == ["CXR-NORMAL"])
    }
}
