import ClearanceCore

/// The person registration form, built in code and filled with the same form core.
public enum RegistrationForm {
    /// The form: names, date of birth, sex, nationality, travel document and photo.
    public static let spec = FormSpec(
        id: "person", version: "1",
        title: LocalizedText(["en": "Register a person", "fr": "Enregistrer une personne", "es": "Registrar a una persona"]),
        languages: ["en", "fr", "es"],
        fields: [
            Field(name: "surname", type: .text, label: LocalizedText(["en": "Surname", "fr": "Nom", "es": "Apellidos"]), required: .always),
            Field(name: "given_names", type: .text, label: LocalizedText(["en": "Given names", "fr": "Prénoms", "es": "Nombres"]), required: .always),
            Field(name: "date_of_birth", type: .date, label: LocalizedText(["en": "Date of birth", "fr": "Date de naissance", "es": "Fecha de nacimiento"]), required: .always),
            Field(name: "sex", type: .singleChoice, label: LocalizedText(["en": "Sex", "fr": "Sexe", "es": "Sexo"]), required: .always, choiceList: "sex"),
            Field(name: "nationality", type: .text, label: LocalizedText(["en": "Nationality", "fr": "Nationalité", "es": "Nacionalidad"]),
                  hint: LocalizedText(["en": "ISO 3166-1 alpha-3 code, like SYR or PHL", "fr": "code ISO 3166-1 alpha-3, comme SYR ou PHL",
                                       "es": "código ISO 3166-1 alfa-3, como SYR o PHL"]), required: .always),
            Field(name: "document_type", type: .singleChoice, label: LocalizedText(["en": "Travel document", "fr": "Document de voyage", "es": "Documento de viaje"]),
                  required: .always, choiceList: "document"),
            Field(name: "document_number", type: .text, label: LocalizedText(["en": "Document number", "fr": "Numéro du document", "es": "Número del documento"]), required: .always),
            Field(name: "document_expiry", type: .date, label: LocalizedText(["en": "Document expiry", "fr": "Expiration du document", "es": "Vencimiento del documento"])),
            Field(name: "guardian", type: .text, label: LocalizedText(["en": "Guardian (minors)", "fr": "Tuteur (mineurs)", "es": "Tutor (menores)"]),
                  hint: LocalizedText(["en": "for a person under 18: the guardian's name and relationship, like Ngozi Okafor (mother)",
                                       "fr": "pour une personne de moins de 18 ans : nom et lien du tuteur, comme Ngozi Okafor (mère)",
                                       "es": "para una persona menor de 18 años: nombre y parentesco del tutor, como Ngozi Okafor (madre)"])),
            Field(name: "photo", type: .image, label: LocalizedText(["en": "Photo (PNG file)", "fr": "Photo (fichier PNG)", "es": "Foto (archivo PNG)"]),
                  hint: LocalizedText(["en": "the photo taken at the clinic; it appears on every form and the certificate",
                                       "fr": "la photo prise à la clinique ; elle figure sur chaque formulaire et sur le certificat",
                                       "es": "la foto tomada en la clínica; aparece en cada formulario y en el certificado"])),
        ],
        choiceLists: [
            "sex": [Choice(value: "F", label: LocalizedText(["en": "Female", "fr": "Féminin", "es": "Femenino"])),
                    Choice(value: "M", label: LocalizedText(["en": "Male", "fr": "Masculin", "es": "Masculino"])),
                    Choice(value: "X", label: LocalizedText(["en": "Other / unspecified", "fr": "Autre / non précisé", "es": "Otro / no especificado"]))],
            "document": [Choice(value: "passport", label: LocalizedText(["en": "Passport", "fr": "Passeport", "es": "Pasaporte"])),
                         Choice(value: "refugee_travel_document", label: LocalizedText(["en": "Refugee travel document", "fr": "Titre de voyage pour réfugié", "es": "Documento de viaje para refugiados"])),
                         Choice(value: "national_id", label: LocalizedText(["en": "National ID", "fr": "Carte d'identité", "es": "Documento nacional de identidad"]))],
        ])

    /// Reads a saved registration form.
    /// - Returns: nil when a required answer is missing (the form's rules prevent that).
    public static func registration(from submission: FormSubmission) -> PersonRegistration? {
        let a = submission.answers
        guard let surname = a["surname"]?.string, let given = a["given_names"]?.string,
              let dob = a["date_of_birth"]?.date, let sex = a["sex"]?.string,
              let nat = a["nationality"]?.string, let docType = a["document_type"]?.string,
              let docNumber = a["document_number"]?.string else { return nil }
        return PersonRegistration(surname: surname, givenNames: given, dateOfBirth: dob, sex: sex,
                                  nationality: nat.uppercased(), documentType: docType, documentNumber: docNumber,
                                  documentExpiry: a["document_expiry"]?.date,
                                  photoPath: submission.imageFiles[FieldPath(field: "photo")],
                                  guardian: a["guardian"]?.string)
    }
}
