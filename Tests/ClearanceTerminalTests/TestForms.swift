import ClearanceCore
@testable import ClearanceTerminal

enum TestForms {
    static let today = LocalDate(year: 2026, month: 3, day: 9)!

    /// A small TB form as a form file: `cough_weeks` is asked only when `cough` is yes
    /// (0-52 weeks), `hiv_known` is for counsellors and medical officers only.
    static let tbYAML = """
    form:
      id: tbmini
      version: "1"
      title: {en: TB mini, fr: TB mini, es: TB mini}
      languages: [en, fr, es]
    choices:
      igra:
        - {value: positive, label: {en: Positive, fr: Positif, es: Positivo}}
        - {value: negative, label: {en: Negative, fr: Négatif, es: Negativo}}
        - {value: indeterminate, label: {en: Indeterminate, fr: Indéterminé, es: Indeterminado}}
      smear:
        - {value: pos, label: {en: Positive, fr: Positif, es: Positivo}}
        - {value: neg, label: {en: Negative, fr: Négatif, es: Negativo}}
    fields:
      - name: cough
        type: yes_no
        label: {en: Cough for 2 weeks or more?, fr: Toux depuis 2 semaines ou plus ?, es: ¿Tos durante 2 semanas o más?}
        hint: {en: Ask the person; do not assume no, fr: Demandez à la personne, es: Pregunte a la persona}
        required: true
      - name: cough_weeks
        type: integer
        label: {en: Weeks of cough, fr: Semaines de toux, es: Semanas de tos}
        relevant: "${cough} = 'yes'"
        required: true
        unit: weeks
        min: 0
        max: 52
      - name: igra
        type: select_one
        choices: igra
        label: {en: IGRA result, fr: Résultat IGRA, es: Resultado IGRA}
      - name: hiv_known
        type: yes_no
        label: {en: Known HIV positive?, fr: VIH positif connu ?, es: ¿VIH positivo conocido?}
        roles: [counsellor, medical-officer]
      - name: info
        type: note
        label: {en: Collect sputum if any symptom, fr: Recueillir les crachats, es: Recoger esputo}
      - name: xray_date
        type: date
        label: {en: X-ray date, fr: Date de la radio, es: Fecha de la radiografía}
      - name: specimens
        type: repeat
        label: {en: Sputum specimens, fr: Échantillons, es: Muestras}
        max_count: 3
        fields:
          - name: smear
            type: select_one
            choices: smear
            label: {en: Smear, fr: Frottis, es: Baciloscopia}
    """

    static let tb: FormSpec = {
        do { return try FormLoader.load(yaml: tbYAML, origin: "TestForms.tb").form }
        catch { fatalError("the test form does not load:\n\(error)") }
    }()

    /// The core evaluator of ``tb`` on ``today``.
    static let rules = FormEvaluator(form: tb, context: ModuleContext(today: today))

    static func session(roles: Set<Role> = [.nurse], answers: Answers = Answers()) -> FormSession {
        FormSession(form: tb, rules: rules, roles: roles, today: today, answers: answers)
    }
}

extension FormSession {
    var focusName: String? { focus?.path.description }
}
