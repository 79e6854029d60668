import ClearanceCore

/// Small forms shared by the tests.
enum Fixtures {
    static let today = LocalDate("2026-03-10")!

    static func load(_ yaml: String, origin: String = "test.yaml") throws -> FormSpec {
        try FormLoader.load(yaml: yaml, origin: origin).form
    }

    static func evaluator(_ form: FormSpec, context: ModuleContext? = nil) -> FormEvaluator {
        FormEvaluator(form: form, context: context ?? ModuleContext(today: today))
    }

    /// An audiometry-like threshold field, a TB-like sputum repeat, skip logic and a calculation.
    static let screening = """
    form:
      id: screening
      version: "1"
      title: Screening
    choices:
      smear:
        - {value: positive, label: Positive}
        - {value: negative, label: Negative}
      method:
        - {value: spontaneous, label: Spontaneous}
        - {value: induced, label: Induced}
    fields:
      - name: cough
        type: yes_no
        label: Cough two weeks or more
        required: true
      - name: cough_weeks
        type: integer
        label: Weeks of cough
        relevant: "${cough} = 'yes'"
        required: true
        min: 2
        max: 52
      - name: threshold
        type: integer
        label: Right ear 1000 Hz
        unit: dB HL
        min: -10
        max: 120
        step: 5
      - name: double_threshold
        type: integer
        calculate: "${threshold} * 2"
      - name: methods
        type: select_multiple
        choices: method
        label: Methods
      - name: specimens
        type: repeat
        label: Sputum specimens
        relevant: "${cough} = 'yes'"
        min_count: 1
        max_count: 3
        fields:
          - name: smear
            type: select_one
            choices: smear
            label: Smear
            required: true
          - name: culture_note
            type: text
            label: Culture note
            relevant: "${smear} = 'positive' and ${cough_weeks} > 3"
          - name: collected
            type: date
            label: Collected on
            constraint: ". <= today()"
            constraint_message: Collection date cannot be in the future
    """
}
