/// The starting point of a new declarative module (`clearance modules new ID`): a module file
/// with every field type, a repeat group with a row constraint, a calculated field with a
/// label, rules, and a test file whose cases pass against it.
///
/// Texts are written in English, French and Spanish; a text in any other language asked for is
/// left out, so `clearance modules lint` counts what is left to translate.
///
/// ```swift
/// let s = try ModuleScaffold(id: "malaria_rdt", languages: ["en", "fr"])
/// try s.moduleFile.write(toFile: "malaria_rdt.yaml", atomically: true, encoding: .utf8)
/// ```
public struct ModuleScaffold: Sendable {
    public let id: String
    public let languages: [String]

    /// A problem with what was asked for.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// - Throws: ``Problem`` for an id that is not a module id or a language that is not a code.
    public init(id: String, languages: [String] = ["en"]) throws {
        guard FormNames.isValidModuleID(id) else {
            throw Problem(description: "'\(id)' is not a module id; use lowercase letters, digits, '-' and '_', starting with a letter (as in malaria_rdt)")
        }
        var langs: [String] = []
        for l in languages where !langs.contains(l) {
            guard l.count >= 2, l.count <= 8, l.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }), l.first != "-" else {
                throw Problem(description: "'\(l)' is not a language code; write codes such as en, fr, es")
            }
            langs.append(l)
        }
        if !langs.contains("en") { langs.insert("en", at: 0) }
        self.id = id; self.languages = langs
    }

    /// File names: `ID.yaml` and `ID.cases.yaml`.
    public var moduleFileName: String { "\(id).yaml" }
    public var casesFileName: String { "\(id).cases.yaml" }

    /// The result code prefix: the id in capitals (`malaria_rdt` gives `MALARIA-RDT`).
    var prefix: String { id.uppercased().replacingOccurrences(of: "_", with: "-") }

    /// `{en: ..., fr: ...}` in the asked languages.
    private func t(_ en: String, _ fr: String, _ es: String) -> String {
        let known = ["en": en, "fr": fr, "es": es]
        let parts = languages.compactMap { l in known[l].map { "\(l): \(quote($0))" } }
        return "{\(parts.joined(separator: ", "))}"
    }

    private func quote(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { !":{}[],#&*!|>'\"%@`".unicodeScalars.contains($0) } && !s.hasPrefix("-") && !s.hasPrefix("?")
        return plain ? s : "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The module file.
    public var moduleFile: String {
        """
        # \(id): a declarative screening module, made by `clearance modules new`.
        # Change what you need, then check it and run its tests (no database needed):
        #   clearance modules lint \(moduleFileName)
        #   clearance modules test \(moduleFileName) \(casesFileName)
        # Install it by copying it into a directory of CLEARANCE_MODULES_PATH. The language is
        # described in docs/FORMS.md. Bump form.version (and module.version) on every change.
        form:
          id: \(id)
          version: "1"
          title: \(t("Example screening", "Dépistage exemple", "Cribado de ejemplo"))
          languages: [\(languages.joined(separator: ", "))]

        module:
          id: \(id)
          version: 0.1.0
          host_api: ">=1.0 <2.0"
          implementation: declarative
          record_roles: [nurse, medical-officer]
          result_codes:
            - {code: \(prefix)-NORMAL, meaning: \(t("No finding", "Aucune anomalie", "Sin hallazgos"))}
            - {code: \(prefix)-REFER, meaning: \(t("Refer to the medical officer", "Adresser au médecin", "Derivar al médico"))}
            - {code: \(prefix)-PENDING, meaning: \(t("Laboratory result outstanding", "Résultat de laboratoire attendu", "Resultado de laboratorio pendiente"))}
          pending_codes: [\(prefix)-PENDING]
          rules:   # every rule whose `when` holds adds its code
            - code: \(prefix)-REFER
              when: "${bmi} >= 30 or ${symptom_count} >= 2 or ${lab_result} = 'positive' or any(${doses}, ${reaction})"
            - code: \(prefix)-PENDING
              when: "${lab_sent} and not(answered(${lab_result}))"
            - code: \(prefix)-NORMAL
              when: "${bmi} < 30 and ${symptom_count} < 2 and not(${lab_result} = 'positive') and not(any(${doses}, ${reaction})) and not(${lab_sent} and not(answered(${lab_result})))"

        choices:
          symptom:
            - {value: cough, label: \(t("Cough", "Toux", "Tos"))}
            - {value: fever, label: \(t("Fever", "Fièvre", "Fiebre"))}
            - {value: rash, label: \(t("Rash", "Éruption", "Erupción"))}
          lab_result:
            - {value: negative, label: \(t("Negative", "Négatif", "Negativo"))}
            - {value: positive, label: \(t("Positive", "Positif", "Positivo"))}
          site:   # extra keys are attributes, read by a choice_filter as choice('min_age_years')
            - {value: left_arm, label: \(t("Left arm", "Bras gauche", "Brazo izquierdo")), min_age_years: 2}
            - {value: right_arm, label: \(t("Right arm", "Bras droit", "Brazo derecho")), min_age_years: 2}
            - {value: thigh, label: \(t("Thigh", "Cuisse", "Muslo")), min_age_years: 0}

        fields:
          - name: intro
            type: note
            label: \(t("Ask every question; leave what was not done unanswered.", "Posez chaque question ; laissez vide ce qui n'a pas été fait.", "Haga cada pregunta; deje sin responder lo que no se hizo."))
          - name: examined_on
            type: date
            label: \(t("Date of examination", "Date de l'examen", "Fecha del examen"))
            required: true
            constraint: ". <= today() and . >= dob()"
            constraint_message: \(t("Between the date of birth and today", "Entre la date de naissance et aujourd'hui", "Entre la fecha de nacimiento y hoy"))
          - name: weight_kg
            type: decimal
            label: \(t("Weight", "Poids", "Peso"))
            unit: kg
            min: 2
            max: 300
            step: 0.1
            required: true
          - name: height_cm
            type: integer
            label: \(t("Height", "Taille", "Altura"))
            unit: cm
            min: 40
            max: 250
            required: true
          - name: bmi
            type: decimal
            label: \(t("Body mass index", "Indice de masse corporelle", "Índice de masa corporal"))
            calculate: "round(${weight_kg} div ((${height_cm} div 100) * (${height_cm} div 100)), 1)"
          - name: symptoms
            type: select_multiple
            choices: symptom
            label: \(t("Symptoms", "Symptômes", "Síntomas"))
          - name: symptom_count
            type: integer
            label: \(t("Number of symptoms", "Nombre de symptômes", "Número de síntomas"))
            calculate: "count_selected(${symptoms})"
          - name: lab_sent
            type: yes_no
            label: \(t("Sample sent to the laboratory", "Échantillon envoyé au laboratoire", "Muestra enviada al laboratorio"))
            required: true
          - name: lab_reference
            type: text
            label: \(t("Laboratory reference", "Référence du laboratoire", "Referencia del laboratorio"))
            relevant: "${lab_sent}"
            required: true
            constraint: "regex(., '^[A-Z0-9-]+$')"
            constraint_message: \(t("Capital letters, digits and '-'", "Majuscules, chiffres et '-'", "Mayúsculas, cifras y '-'"))
          - name: lab_result
            type: select_one
            choices: lab_result
            label: \(t("Laboratory result", "Résultat du laboratoire", "Resultado del laboratorio"))
            hint: \(t("Leave empty until the result arrives", "Laissez vide jusqu'à l'arrivée du résultat", "Deje vacío hasta que llegue el resultado"))
            relevant: "${lab_sent}"
          - name: photo
            type: image
            label: \(t("Photo of the test", "Photo du test", "Foto de la prueba"))
          - name: doses
            type: repeat
            label: \(t("Doses given", "Doses administrées", "Dosis administradas"))
            max_count: 5
            fields:
              - name: given_on
                type: date
                label: \(t("Given on", "Administrée le", "Administrada el"))
                required: true
                constraint: ". >= dob() and . <= today() and (not(answered(prev(${given_on}))) or . - prev(${given_on}) >= 7)"
                constraint_message: \(t("After birth, not in the future, and at least 7 days after the previous dose", "Après la naissance, pas dans le futur, et au moins 7 jours après la dose précédente", "Después del nacimiento, no en el futuro, y al menos 7 días después de la dosis anterior"))
              - name: site
                type: select_one
                choices: site
                label: \(t("Site", "Site", "Sitio"))
                choice_filter: "age() >= choice('min_age_years')"
              - name: reaction
                type: yes_no
                label: \(t("Reaction after the dose", "Réaction après la dose", "Reacción tras la dosis"))
                required: true
          - name: remarks
            type: text
            label: \(t("Remarks", "Remarques", "Observaciones"))

        """
    }

    /// The test file: cases that pass against ``moduleFile``.
    public var casesFile: String {
        """
        # Test cases of \(moduleFileName): clearance modules test \(moduleFileName) \(casesFileName)
        # Each case records answers for a person on a date (with the rule pack's parameters and
        # other modules' result codes if the rules read them) and says which issues and result
        # codes it must give. Answers are written as in the JSON of `clearance record`.
        module: \(id)
        defaults:
          date: 2026-03-10
          person: {dob: 1990-05-15, sex: F}
        cases:
          - name: healthy adult
            answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "no"}
            expect: {codes: [\(prefix)-NORMAL], values: {bmi: 22.0, symptom_count: 0}}
          - name: two symptoms are referred
            answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "no", symptoms: [cough, fever]}
            expect: {codes: [\(prefix)-REFER]}
          - name: a sample sent without a result is pending
            answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "yes", lab_reference: LAB-12}
            expect: {codes: [\(prefix)-PENDING], pending: true}
          - name: a reaction to a dose is referred
            answers:
              examined_on: 2026-03-10
              weight_kg: 60
              height_cm: 165
              lab_sent: "no"
              doses: [{given_on: 2026-01-01, site: left_arm, reaction: "no"}, {given_on: 2026-01-08, reaction: "yes"}]
            expect: {codes: [\(prefix)-REFER]}
          - name: doses less than 7 days apart are refused
            answers:
              examined_on: 2026-03-10
              weight_kg: 60
              height_cm: 165
              lab_sent: "no"
              doses: [{given_on: 2026-01-01, reaction: "no"}, {given_on: 2026-01-03, reaction: "no"}]
            expect:
              issues: [{field: "doses[2].given_on", message: "7 days"}]
          - name: the arm is not offered for an infant
            person: {dob: 2025-09-01, sex: M}
            answers:
              examined_on: 2026-03-10
              weight_kg: 7.5
              height_cm: 66
              lab_sent: "no"
              doses: [{given_on: 2026-01-01, site: left_arm, reaction: "no"}]
            expect:
              issues: [{field: "doses[1].site", message: "not offered"}]
          - name: a calculated value that differs is refused
            answers: {examined_on: 2026-03-10, weight_kg: 60, height_cm: 165, lab_sent: "no", bmi: 25}
            expect:
              issues: [{field: bmi, message: "calculated"}]
          - name: missing answers are named
            answers: {}
            expect:
              issues: [examined_on, weight_kg, height_cm, lab_sent]

        """
    }
}
