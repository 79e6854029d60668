import Testing
@testable import ClearanceCore

/// A submitted value of a calculated field that differs from the computed one is refused.
@Suite("Evaluator: submitted calculated values")
struct CalculatedAnswerTests {
    static let yaml = """
    form: {id: bmi, version: "1", title: BMI}
    fields:
      - {name: weight_kg, type: decimal, label: Weight, min: 1, max: 400}
      - {name: height_m, type: decimal, label: Height, min: 0.3, max: 2.5}
      - {name: bmi, type: decimal, label: BMI, calculate: "round(${weight_kg} div (${height_m} * ${height_m}), 1)"}
      - {name: obese, type: yes_no, label: Obese, calculate: "${bmi} >= 30"}
    """

    func evaluator(_ language: String = "en") throws -> FormEvaluator {
        FormEvaluator(form: try Fixtures.load(Self.yaml), context: ModuleContext(today: Fixtures.today), language: language)
    }

    @Test func aDifferentValueIsRefusedNamingTheField() throws {
        let ev = try evaluator()
        let a = Answers(["weight_kg": .decimal(81), "height_m": .decimal(1.8), "bmi": .decimal(30)])
        let checked = ev.check(a)
        #expect(checked.issues.map(\.description) == [
            "bmi: 'bmi' is calculated by the form (round(${weight_kg} div (${height_m} * ${height_m}), 1)) as 25.0, not 30.0; remove it from the answers",
        ])
        #expect(checked.answers["bmi"] == .decimal(25.0), "what would be stored is the computed value")
    }

    @Test func anEqualValueIsAccepted() throws {
        let ev = try evaluator()
        let a = Answers(["weight_kg": .decimal(81), "height_m": .decimal(1.8), "bmi": .integer(25), "obese": .bool(false)])
        #expect(ev.check(a).issues == [])
        #expect(ev.check(ev.normalized(a)).issues == [], "normalized answers check again")
    }

    @Test func aValueWhereNoneIsComputedIsRefused() throws {
        let ev = try evaluator()
        #expect(ev.check(Answers(["bmi": .decimal(22)])).issues.map(\.message) == [
            "'bmi' is calculated by the form (round(${weight_kg} div (${height_m} * ${height_m}), 1)) and has no value with these answers, not 22.0; remove it from the answers",
        ])
    }

    /// A correction merges changes into stored answers: their calculated values are from the
    /// earlier answers, and are worked out again without complaint; only what is submitted counts.
    @Test func aCorrectionRecomputesStoredCalculations() throws {
        let ev = try evaluator()
        let stored = ev.normalized(Answers(["weight_kg": .decimal(81), "height_m": .decimal(1.8)]))
        var merged = stored
        merged["weight_kg"] = .decimal(100)
        let checked = ev.check(merged, submitted: Answers(["weight_kg": .decimal(100)]))
        #expect(checked.issues == [])
        #expect(checked.answers["bmi"] == .decimal(30.9))
        #expect(checked.answers["obese"] == .bool(true))
        merged["obese"] = .bool(false)
        #expect(ev.check(merged, submitted: Answers(["obese": .bool(false)])).issues.map(\.path.description) == ["obese"])
    }

    @Test func theMessageIsInTheUsersLanguage() throws {
        let a = Answers(["weight_kg": .decimal(81), "height_m": .decimal(1.8), "obese": .bool(true)])
        #expect(try evaluator("fr").check(a).issues.map(\.message) == [
            "'obese' est calculé par le formulaire (${bmi} >= 30) : non, pas oui ; retirez-le des réponses",
        ])
        #expect(try evaluator("es").check(a).issues.map(\.message) == [
            "'obese' lo calcula el formulario (${bmi} >= 30): no, no sí; quítelo de las respuestas",
        ])
    }

    @Test func theModuleCheckIsTheSaveRules() throws {
        let yaml = Self.yaml + """

        module:
          id: bmi
          version: 1.0.0
          host_api: "1"
          implementation: declarative
          record_roles: [nurse]
          result_codes: [{code: BMI-OBESE, meaning: Obese}]
          rules: [{code: BMI-OBESE, when: "${obese}"}]
        """
        let file = try FormLoader.load(yaml: yaml, origin: "bmi.yaml")
        let module = DeclarativeModule(form: file.form, spec: try #require(file.module))
        let context = ModuleContext(today: Fixtures.today)
        let refused = module.check(Answers(["weight_kg": .decimal(81), "height_m": .decimal(1.8), "bmi": .decimal(40)]), context: context)
        #expect(refused.issues.map(\.path.description) == ["bmi"])
        let ok = module.check(Answers(["weight_kg": .decimal(120), "height_m": .decimal(1.8)]), context: context)
        #expect(ok.issues == [])
        #expect(module.derive(ok.answers, context: context).resultCodes == ["BMI-OBESE"])
        // A draft keeps only problems of answered fields; hidden fields' problems are left out.
        #expect(module.check(Answers(["weight_kg": .decimal(0)]), context: context, final: false).issues.map(\.path.description) == ["weight_kg"])
        #expect(module.check(Answers(["weight_kg": .decimal(0)]), context: context, visible: { $0.leaf != "weight_kg" }).issues == [])
    }
}
