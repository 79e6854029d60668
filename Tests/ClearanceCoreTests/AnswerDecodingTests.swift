import Foundation
import Testing
@testable import ClearanceCore

@Suite("Answers from JSON")
struct AnswerDecodingTests {
    let form: FormSpec
    init() throws { form = try Fixtures.load(Fixtures.screening) }

    @Test func acceptsEveryDocumentedShape() throws {
        let json: [String: Any] = ["cough": "yes", "cough_weeks": 4.0, "threshold": 15, "methods": ["induced"],
                                   "specimens": [["smear": "negative", "collected": "2026-03-01"]]]
        let a = try form.decodeAnswers(json)
        #expect(a["cough"] == .bool(true))
        #expect(a["cough_weeks"] == .integer(4))
        #expect(a["threshold"] == .integer(15))
        #expect(a["methods"] == .choices(["induced"]))
        #expect(a.value(at: FieldPath("specimens[1].collected")!) == .date(LocalDate("2026-03-01")!))
        #expect(a.value(at: FieldPath("specimens[1].smear")!) == .choice("negative"))
        #expect(try form.decodeAnswers(["cough": false])["cough"] == .bool(false))
    }

    @Test func jsonSerializationBooleansAndNumbersAreToldApart() throws {
        let data = Data(#"{"cough": true, "threshold": 10, "cough_weeks": 3.0, "methods": null}"#.utf8)
        let a = try form.decodeAnswers(jsonData: data)
        #expect(a["cough"] == .bool(true))
        #expect(a["threshold"] == .integer(10))
        #expect(a["cough_weeks"] == .integer(3))
        #expect(a["methods"] == nil)
        #expect(throws: AnswerDecodingError.self) { try form.decodeAnswers(jsonData: Data(#"{"threshold": true}"#.utf8)) }
    }

    @Test func everyWrongFieldIsListed() {
        let json: [String: Any] = ["cough": "maybe", "threshold": 12.5, "methods": "induced", "nope": 1,
                                   "specimens": [["smear": 3, "collected": "2026-02-30"], "x"]]
        do {
            _ = try form.decodeAnswers(json)
            Issue.record("expected an error")
        } catch let e as AnswerDecodingError {
            #expect(e.issues.map(\.description) == [
                "cough: expected \"yes\" or \"no\" (or true/false), got \"maybe\"",
                "methods: expected a list of choice values, got \"induced\"",
                "nope: unknown field 'nope'; the form has no such field",
                "specimens[1].collected: \"2026-02-30\" is not a date; write YYYY-MM-DD with a real day",
                "specimens[1].smear: expected one choice value, got 3",
                "specimens[2]: expected an object {...}, got \"x\"",
                "threshold: 12.5 is not a whole number; enter an integer",
            ])
        } catch { Issue.record("unexpected \(error)") }
    }
}
