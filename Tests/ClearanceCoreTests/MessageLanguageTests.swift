import Testing
@testable import ClearanceCore

/// Every message about answers in the user's language, English when a text lacks it; lint
/// warns once per language about texts without a translation.
@Suite("Messages in the chosen language")
struct MessageLanguageTests {
    static let yaml = """
    form:
      id: lang
      version: "1"
      title: {en: Languages, fr: Langues, es: Idiomas}
      languages: [en, fr, es]
    choices:
      site:
        - {value: left_arm, label: {en: Left arm, fr: Bras gauche, es: Brazo izquierdo}}
    fields:
      - name: weight
        type: decimal
        label: {en: Weight, fr: Poids, es: Peso}
        unit: kg
        min: 1
        max: 300
        required: true
      - name: code
        type: text
        label: {en: Code, fr: Code, es: Código}
        constraint: "regex(., '^[A-Z]+$')"
        constraint_message: {en: Capital letters only, fr: Majuscules seulement, es: Solo mayúsculas}
      - name: batch
        type: text
        label: {en: Batch, fr: Lot}
        constraint: "length(.) = 6"
        constraint_message: {en: Six characters, fr: Six caractères}
      - name: consent
        type: yes_no
        label: {en: Consent, fr: Consentement, es: Consentimiento}
        required: true
        required_message: {en: Ask for consent first, fr: Demandez d'abord le consentement, es: Pida primero el consentimiento}
      - name: sites
        type: select_multiple
        choices: site
        label: {en: Sites, fr: Sites, es: Sitios}
      - name: doses
        type: repeat
        label: {en: Doses, fr: Doses, es: Dosis}
        min_count: 2
        fields:
          - {name: day, type: date, label: {en: Day, fr: Jour, es: Día}}
    """

    func issues(_ a: Answers, _ language: String) throws -> [String] {
        let ev = FormEvaluator(form: try Fixtures.load(Self.yaml), context: ModuleContext(today: Fixtures.today, language: language))
        return ev.validate(a).map(\.description)
    }

    let bad = Answers(["weight": .decimal(0), "code": .text("ab"), "batch": .text("x"), "sites": .choices(["left_arm", "left_arm"]),
                       "doses": .group([Answers()]), "nosuch": .text("?")])

    @Test func english() throws {
        #expect(try issues(bad, "en") == [
            "weight: 0 is below the minimum 1 kg; enter 1 or more",
            "code: ab: Capital letters only",
            "batch: x: Six characters",
            "consent: Ask for consent first",
            "sites: 'left_arm' is selected twice; select each value once",
            "doses: 1 entry; at least 2 are required, add 1 more",
            "nosuch: unknown field 'nosuch'; the form has no such field",
        ])
    }

    @Test func frenchConstraintMessagesAndHostMessages() throws {
        #expect(try issues(bad, "fr") == [
            "weight: 0 est inférieur au minimum 1 kg ; saisissez 1 ou plus",
            "code: ab: Majuscules seulement",
            "batch: x: Six caractères",
            "consent: Demandez d'abord le consentement",
            "sites: 'left_arm' est sélectionné deux fois ; sélectionnez chaque valeur une seule fois",
            "doses: 1 entrée ; au moins 2 sont requises, ajoutez-en 1",
            "nosuch: champ inconnu 'nosuch' ; le formulaire n'a pas ce champ",
        ])
    }

    @Test func spanishFallsBackToEnglishWhereTheFormLacksIt() throws {
        let out = try issues(bad, "es")
        #expect(out.contains("weight: 0 es menor que el mínimo 1 kg; introduzca 1 o más"))
        #expect(out.contains("code: ab: Solo mayúsculas"))
        #expect(out.contains("batch: x: Six characters"), "no Spanish constraint_message: English")
        #expect(out.contains("consent: Pida primero el consentimiento"))
    }

    @Test func requiredWithoutAMessageNamesTheLabelInTheLanguage() throws {
        let yaml = """
        form: {id: r, version: "1", title: {en: R, fr: R}, languages: [en, fr]}
        fields:
          - {name: w, type: integer, label: {en: Weight, fr: Poids}, required: true}
          - {name: g, type: repeat, label: {en: Doses, fr: Doses}, required: true, fields: [{name: d, type: date, label: {en: Day, fr: Jour}}]}
          - {name: h, type: yes_no, label: {en: Height}, required: true}
        """
        let form = try Fixtures.load(yaml)
        let fr = FormEvaluator(form: form, context: ModuleContext(today: Fixtures.today), language: "fr")
        #expect(fr.validate(Answers()).map(\.description) == [
            "w: Poids : une réponse est requise", "g: Doses : au moins une entrée est requise", "h: Height : une réponse est requise",
        ])
        let pt = FormEvaluator(form: form, context: ModuleContext(today: Fixtures.today), language: "pt")
        #expect(pt.validate(Answers()).first?.message == "Weight: an answer is required", "a language the host has no messages in: English")
    }

    @Test func answersDecodeInTheLanguage() throws {
        let form = try Fixtures.load(Self.yaml)
        #expect(throws: AnswerDecodingError.self) { try form.decodeAnswers(["consent": "peut-être"], language: "fr") }
        do { _ = try form.decodeAnswers(["consent": "peut-être", "weight": "x"], language: "fr") }
        catch let e as AnswerDecodingError {
            #expect(e.issues.map(\.description) == [
                "consent: attendu : \"yes\" ou \"no\" (ou true/false), reçu : \"peut-être\"",
                "weight: attendu : un nombre, reçu : \"x\"",
            ])
        }
    }

    @Test func lintWarnsOncePerLanguageWithACount() {
        let report = FormLoader.report(yaml: Self.yaml, origin: "lang.yaml")
        #expect(report.problems == [])
        #expect(report.warnings.map(\.description) == [
            "lang.yaml:24:12: 2 texts have no 'es' translation (the first is here); they are shown in English to users who chose es",
        ])
        let plain = """
        form: {id: p, version: "1", title: P, languages: [en, fr, es]}
        fields:
          - {name: a, type: text, label: A}
          - {name: b, type: text, label: {en: B, es: B}}
        """
        #expect(FormLoader.report(yaml: plain, origin: "p.yaml").warnings.map(\.description) == [
            "p.yaml:1:36: 3 texts have no 'fr' translation (the first is here); they are shown in English to users who chose fr",
            "p.yaml:1:36: 2 texts have no 'es' translation (the first is here); they are shown in English to users who chose es",
        ])
        #expect(FormLoader.lint(yaml: plain, origin: "p.yaml") == [], "a missing translation does not keep a form from loading")
    }

    @Test func theBaseLanguageIsRequired() {
        let yaml = """
        form: {id: p, version: "1", title: {fr: P}, languages: [en, fr]}
        fields:
          - {name: a, type: text, label: A}
        """
        #expect(FormLoader.lint(yaml: yaml, origin: "p.yaml").map(\.description) == [
            "p.yaml:1:36: form.title lacks en, the language every text falls back to; add en: ...",
        ])
    }
}
