/// The host's own messages about answers (required, bounds, choices, counts, calculated fields),
/// in English, French and Spanish. Any other language gets English, as texts of a form do.
///
/// One function per message; arguments are already in the user's language (labels) or
/// language-neutral (numbers, values, field names).
///
/// ```swift
/// FormMessages.answerRequired("Poids", "fr")   // "Poids : une réponse est requise"
/// ```
public enum FormMessages {
    /// The languages these messages are written in.
    public static let languages = ["en", "fr", "es"]

    static func pick(_ lang: String, en: String, fr: String, es: String) -> String {
        switch lang {
        case "fr": return fr
        case "es": return es
        default: return en
        }
    }

    // MARK: Required and counts

    public static func answerRequired(_ label: String, _ lang: String) -> String {
        pick(lang, en: "\(label): an answer is required", fr: "\(label) : une réponse est requise", es: "\(label): se requiere una respuesta")
    }

    static func entriesRequired(_ label: String, _ lo: Int, _ lang: String) -> String {
        lo == 1
            ? pick(lang, en: "\(label): at least one entry is required", fr: "\(label) : au moins une entrée est requise",
                   es: "\(label): se requiere al menos una entrada")
            : pick(lang, en: "\(label): at least \(lo) entries are required", fr: "\(label) : au moins \(lo) entrées sont requises",
                   es: "\(label): se requieren al menos \(lo) entradas")
    }

    static func tooFewEntries(_ n: Int, _ lo: Int, _ lang: String) -> String {
        pick(lang, en: "\(n) entr\(n == 1 ? "y" : "ies"); at least \(lo) are required, add \(lo - n) more",
             fr: "\(n) entrée\(n == 1 ? "" : "s") ; au moins \(lo) sont requises, ajoutez-en \(lo - n)",
             es: "\(n) entrada\(n == 1 ? "" : "s"); se requieren al menos \(lo), añada \(lo - n) más")
    }

    static func tooManyEntries(_ n: Int, _ hi: Int, _ lang: String) -> String {
        pick(lang, en: "\(n) entries; at most \(hi) \(hi == 1 ? "is" : "are") allowed, remove \(n - hi)",
             fr: "\(n) entrées ; \(hi) au plus \(hi == 1 ? "est autorisée" : "sont autorisées"), supprimez-en \(n - hi)",
             es: "\(n) entradas; se permite\(hi == 1 ? "" : "n") como máximo \(hi), elimine \(n - hi)")
    }

    // MARK: Constraints, bounds and choices

    static func constraintFallback(_ source: String, _ lang: String) -> String {
        pick(lang, en: "must satisfy \(source)", fr: "doit respecter \(source)", es: "debe cumplir \(source)")
    }

    static func notANumber(_ v: String, _ lang: String) -> String {
        pick(lang, en: "\(v) is not a number", fr: "\(v) n'est pas un nombre", es: "\(v) no es un número")
    }

    static func belowMinimum(_ v: String, _ lo: String, _ unit: String, _ lang: String) -> String {
        pick(lang, en: "\(v) is below the minimum \(lo)\(unit); enter \(lo) or more",
             fr: "\(v) est inférieur au minimum \(lo)\(unit) ; saisissez \(lo) ou plus",
             es: "\(v) es menor que el mínimo \(lo)\(unit); introduzca \(lo) o más")
    }

    static func tooLong(_ n: Int, _ limit: Int, _ lang: String) -> String {
        pick(lang, en: "the text is \(n) characters long; shorten it to at most \(limit)",
             fr: "le texte fait \(n) caractères ; raccourcissez-le à \(limit) au plus",
             es: "el texto tiene \(n) caracteres; acórtelo a \(limit) como máximo")
    }

    static func aboveMaximum(_ v: String, _ hi: String, _ unit: String, _ lang: String) -> String {
        pick(lang, en: "\(v) is above the maximum \(hi)\(unit); enter \(hi) or less",
             fr: "\(v) est supérieur au maximum \(hi)\(unit) ; saisissez \(hi) ou moins",
             es: "\(v) es mayor que el máximo \(hi)\(unit); introduzca \(hi) o menos")
    }

    static func notOnStep(_ v: String, _ step: String, _ unit: String, from base: String?, _ lang: String) -> String {
        let from = base.map { b in pick(lang, en: " counted from \(b)", fr: " compté à partir de \(b)", es: " contado desde \(b)") } ?? ""
        return pick(lang, en: "\(v) is not a multiple of \(step)\(unit)\(from)", fr: "\(v) n'est pas un multiple de \(step)\(unit)\(from)",
                    es: "\(v) no es un múltiplo de \(step)\(unit)\(from)")
    }

    static func notAChoice(_ c: String, field: String, offered: String, _ lang: String) -> String {
        pick(lang, en: "'\(c)' is not a choice of \(field); choose one of: \(offered)",
             fr: "'\(c)' n'est pas un choix de \(field) ; choisissez parmi : \(offered)",
             es: "'\(c)' no es una opción de \(field); elija una de: \(offered)")
    }

    static func choiceNotOffered(_ c: String, offered: [String], _ lang: String) -> String {
        if offered.isEmpty {
            return pick(lang, en: "'\(c)' is not offered with these answers, and no choice is; check the answers it depends on",
                        fr: "'\(c)' n'est pas proposé avec ces réponses, et aucun choix ne l'est ; vérifiez les réponses dont il dépend",
                        es: "'\(c)' no se ofrece con estas respuestas, y ninguna opción lo está; revise las respuestas de las que depende")
        }
        let list = offered.joined(separator: ", ")
        return pick(lang, en: "'\(c)' is not offered with these answers; choose one of: \(list)",
                    fr: "'\(c)' n'est pas proposé avec ces réponses ; choisissez parmi : \(list)",
                    es: "'\(c)' no se ofrece con estas respuestas; elija una de: \(list)")
    }

    static func selectedTwice(_ c: String, _ lang: String) -> String {
        pick(lang, en: "'\(c)' is selected twice; select each value once",
             fr: "'\(c)' est sélectionné deux fois ; sélectionnez chaque valeur une seule fois",
             es: "'\(c)' está seleccionado dos veces; seleccione cada valor una vez")
    }

    // MARK: Shapes

    static func wrongType(expected: String, got: String, _ lang: String) -> String {
        pick(lang, en: "expected \(expected), got \(got)", fr: "attendu : \(expected), reçu : \(got)", es: "se esperaba \(expected), se recibió \(got)")
    }

    /// What a field of `type` expects, for messages.
    static func expected(_ type: FieldType, _ lang: String) -> String {
        switch type {
        case .text: return pick(lang, en: "text", fr: "du texte", es: "texto")
        case .integer: return pick(lang, en: "a whole number", fr: "un nombre entier", es: "un número entero")
        case .decimal: return pick(lang, en: "a number", fr: "un nombre", es: "un número")
        case .date: return pick(lang, en: "a date YYYY-MM-DD", fr: "une date AAAA-MM-JJ", es: "una fecha AAAA-MM-DD")
        case .yesNo: return pick(lang, en: "yes or no", fr: "oui ou non", es: "sí o no")
        case .singleChoice: return pick(lang, en: "one choice value", fr: "une valeur de choix", es: "un valor de opción")
        case .multipleChoice: return pick(lang, en: "a list of choice values", fr: "une liste de valeurs de choix", es: "una lista de valores de opción")
        case .note: return pick(lang, en: "no answer (it is a note)", fr: "aucune réponse (c'est une note)", es: "ninguna respuesta (es una nota)")
        case .image: return pick(lang, en: "an image attachment", fr: "une image jointe", es: "una imagen adjunta")
        case .repeatGroup: return pick(lang, en: "a list of entries", fr: "une liste d'entrées", es: "una lista de entradas")
        }
    }

    /// A value as named in a message: "the number 3", "le texte 'x'".
    static func describe(_ v: Value, _ lang: String) -> String {
        switch v {
        case .text(let s): return pick(lang, en: "text '\(s)'", fr: "le texte '\(s)'", es: "el texto '\(s)'")
        case .integer(let i): return pick(lang, en: "the number \(i)", fr: "le nombre \(i)", es: "el número \(i)")
        case .decimal(let d):
            let n = FormNumber.format(d)
            return pick(lang, en: "the number \(n)", fr: "le nombre \(n)", es: "el número \(n)")
        case .date(let d): return pick(lang, en: "the date \(d)", fr: "la date \(d)", es: "la fecha \(d)")
        case .bool(let b): return display(.bool(b), lang)
        case .choice(let c): return pick(lang, en: "the choice '\(c)'", fr: "le choix '\(c)'", es: "la opción '\(c)'")
        case .choices(let c):
            let l = c.joined(separator: ", ")
            return pick(lang, en: "the choices [\(l)]", fr: "les choix [\(l)]", es: "las opciones [\(l)]")
        case .image(let i): return pick(lang, en: "attachment \(i)", fr: "la pièce jointe \(i)", es: "el adjunto \(i)")
        case .group(let g): return pick(lang, en: "a list of \(g.count) entries", fr: "une liste de \(g.count) entrées", es: "una lista de \(g.count) entradas")
        }
    }

    /// ``Value/display`` with yes/no in the user's language.
    static func display(_ v: Value, _ lang: String) -> String {
        if case .bool(let b) = v { return b ? pick(lang, en: "yes", fr: "oui", es: "sí") : pick(lang, en: "no", fr: "non", es: "no") }
        return v.display
    }

    // MARK: Names and calculated fields

    static func unknownField(_ name: String, suggestion: String?, _ lang: String) -> String {
        let hint = suggestion.map { s in pick(lang, en: " (did you mean '\(s)'?)", fr: " (vouliez-vous dire '\(s)' ?)", es: " (¿quiso decir '\(s)'?)") } ?? ""
        return pick(lang, en: "unknown field '\(name)'; the form has no such field\(hint)",
                    fr: "champ inconnu '\(name)' ; le formulaire n'a pas ce champ\(hint)",
                    es: "campo desconocido '\(name)'; el formulario no tiene ese campo\(hint)")
    }

    static func noteTakesNoAnswer(_ name: String, _ lang: String) -> String {
        pick(lang, en: "'\(name)' is a note and takes no answer; remove it",
             fr: "'\(name)' est une note et ne prend pas de réponse ; retirez-la",
             es: "'\(name)' es una nota y no admite respuesta; quítela")
    }

    static func calculatedDiffers(_ name: String, source: String, computed: String?, given: String, _ lang: String) -> String {
        guard let computed else {
            return pick(lang, en: "'\(name)' is calculated by the form (\(source)) and has no value with these answers, not \(given); remove it from the answers",
                        fr: "'\(name)' est calculé par le formulaire (\(source)) et n'a pas de valeur avec ces réponses, pas \(given) ; retirez-le des réponses",
                        es: "'\(name)' lo calcula el formulario (\(source)) y no tiene valor con estas respuestas, no \(given); quítelo de las respuestas")
        }
        return pick(lang, en: "'\(name)' is calculated by the form (\(source)) as \(computed), not \(given); remove it from the answers",
                    fr: "'\(name)' est calculé par le formulaire (\(source)) : \(computed), pas \(given) ; retirez-le des réponses",
                    es: "'\(name)' lo calcula el formulario (\(source)): \(computed), no \(given); quítelo de las respuestas")
    }

    static func numberFailed(_ text: String, from field: String?, _ lang: String) -> String {
        let en = field.map { " from \($0)" } ?? "", fr = field.map { " (champ \($0))" } ?? "", es = field.map { " (campo \($0))" } ?? ""
        return pick(lang, en: "cannot be calculated: number() was given '\(text)'\(en), which is not a number; correct that answer",
                    fr: "ne peut pas être calculé : number() a reçu '\(text)'\(fr), qui n'est pas un nombre ; corrigez cette réponse",
                    es: "no se puede calcular: number() recibió '\(text)'\(es), que no es un número; corrija esa respuesta")
    }
}
