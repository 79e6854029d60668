import ClearanceCore

/// The small forms of the medical officer's and the case's actions, built in code and filled
/// with the same form core as a module's form. The service checks the answers (a decision of
/// FIT WITH CONDITIONS without conditions, one differing from the proposal without a reason):
/// its refusals come back beside the fields.
public enum OfficerForms {
    static func text(_ en: String, _ fr: String, _ es: String) -> LocalizedText { LocalizedText(["en": en, "fr": fr, "es": es]) }

    /// The fitness decision: outcome, conditions (printed on the certificate) and reason.
    public static let decision = FormSpec(
        id: "decision", version: "1", title: text("Fitness decision", "Décision d'aptitude", "Decisión de aptitud"),
        languages: ["en", "fr", "es"],
        fields: [
            Field(name: "decision", type: .singleChoice, label: text("Decision", "Décision", "Decisión"), required: .always,
                  choiceList: "decision"),
            Field(name: "conditions", type: .text, label: text("Conditions (on the certificate)", "Conditions (sur le certificat)", "Condiciones (en el certificado)"),
                  hint: text("needed for FIT WITH CONDITIONS: the follow-up, like 'Sputum culture result to the panel'",
                             "obligatoires pour APTE SOUS CONDITIONS : le suivi à faire",
                             "necesarias para APTO CON CONDICIONES: el seguimiento")),
            Field(name: "reason", type: .text, label: text("Reason", "Motif", "Motivo"),
                  hint: text("needed when the decision differs from the proposal", "obligatoire si la décision diffère de la proposition",
                             "necesario si la decisión difiere de la propuesta")),
        ],
        choiceLists: ["decision": FitnessDecision.allCases.map {
            Choice(value: $0.rawValue, label: LocalizedText(stringLiteral: $0.label))
        }])

    /// Issuing a certificate: the reason there is no photo, only when the person has none.
    public static let certificate = FormSpec(
        id: "certificate", version: "1", title: text("Issue a certificate", "Émettre un certificat", "Emitir un certificado"),
        languages: ["en", "fr", "es"],
        fields: [
            Field(name: "no_photo_reason", type: .text,
                  label: text("Why there is no photo", "Pourquoi il n'y a pas de photo", "Por qué no hay foto"),
                  hint: text("only when the person has no photo on record; printed on the certificate",
                             "seulement si la personne n'a pas de photo ; imprimé sur le certificat",
                             "solo si la persona no tiene foto; se imprime en el certificado")),
        ])

    /// Exporting the current certificate: the PDF file to write.
    public static let export = FormSpec(
        id: "certificate-export", version: "1", title: text("Export the certificate", "Exporter le certificat", "Exportar el certificado"),
        languages: ["en", "fr", "es"],
        fields: [
            Field(name: "path", type: .text, label: text("PDF file", "Fichier PDF", "Archivo PDF"),
                  hint: text("where to write it, like certificate.pdf (an existing file is not replaced)",
                             "où l'écrire, par exemple certificat.pdf (un fichier existant n'est pas remplacé)",
                             "dónde escribirlo, por ejemplo certificado.pdf (no se reemplaza un archivo existente)"),
                  required: .always),
        ])

    /// A reason: for closing a case or correcting an encounter.
    public static func reason(title: LocalizedText) -> FormSpec {
        FormSpec(id: "reason", version: "1", title: title, languages: ["en", "fr", "es"],
                 fields: [Field(name: "reason", type: .text, label: text("Reason", "Motif", "Motivo"),
                                hint: text("kept in the audit log", "conservé dans le journal d'audit", "se guarda en el registro de auditoría"),
                                required: .always)])
    }
}
