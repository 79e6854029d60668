import Yams

// MARK: - Form, choices and fields

extension FormFileParser {
    /// `blocks:` holds anchored YAML reused elsewhere with `<<: *name` or `*name`; it is read
    /// only where it is used.
    static let rootKeys = ["form", "module", "choices", "fields", "blocks"]
    static let formKeys = ["id", "version", "title", "languages"]
    static let fieldKeys = ["name", "type", "label", "hint", "required", "relevant", "constraint", "constraint_message",
                            "calculate", "unit", "min", "max", "step", "choices", "fields", "min_count", "max_count",
                            "roles", "read_roles", "awaited", "example", "required_message", "choice_filter", "max_length"]

    /// The `form:` section: id, version, title, languages.
    func parseFormSection(_ node: Node) -> (id: String, version: String, title: LocalizedText)? {
        guard let m = mapping(node, "the form section", known: Self.formKeys, required: ["id", "version", "title"]) else { return nil }
        if let l = m["languages"] {
            if let list = stringList(l.value, "form.languages") {
                if list.isEmpty { problem(l.value, "form.languages is empty; list at least one language, as in [en]") }
                var seen: Set<String> = []
                for (lang, n) in list where !seen.insert(lang).inserted { problem(n, "language '\(lang)' is listed twice in form.languages") }
                if !list.isEmpty { languages = list.map(\.0).reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
            }
        }
        var id: String?
        if let n = m["id"]?.value, let s = string(n, "form.id") {
            if FormNames.isValidModuleID(s) { id = s }
            else { problem(n, "form.id '\(s)' must be lowercase letters, digits, '-' and '_', starting with a letter") }
        }
        let version = m["version"].flatMap { string($0.value, "form.version") }
        let title = m["title"].flatMap { text($0.value, "form.title") }
        guard let id, let version, let title else { return nil }
        return (id, version, title)
    }

    /// The `choices:` section: named lists of {value, label}.
    func parseChoices(_ node: Node) {
        guard case .mapping(let m) = node else {
            problem(node, "choices must map list names to lists of {value, label}; found \(kind(node))")
            return
        }
        for (k, v) in m {
            guard let name = string(k, "a choice list name") else { continue }
            if !FormNames.isValidName(name) {
                problem(k, "choice list name '\(name)' must be lowercase letters, digits and '_', starting with a letter")
            }
            guard case .sequence(let items) = v else {
                problem(v, "choice list '\(name)' must be a list of {value, label}; found \(kind(v))")
                continue
            }
            if items.isEmpty { problem(v, "choice list '\(name)' is empty; give it at least one {value, label}") }
            var list: [Choice] = []
            var seen: [String: Int] = [:]
            var attributeTypes: [String: (type: ExpressionType, choice: String)] = [:]
            var firstKeys: (Set<String>, String)?
            for item in items {
                guard let e = mapping(item, "a choice of list '\(name)'", known: ["value", "label"], required: ["value", "label"], others: true) else { continue }
                guard let vn = e["value"]?.value, let value = string(vn, "the value of a choice in '\(name)'") else { continue }
                if let first = seen[value] {
                    problem(vn, "choice value '\(value)' appears twice in list '\(name)' (first on line \(first)); values must be unique")
                }
                seen[value] = vn.mark?.line ?? 0
                let label = e["label"].flatMap { text($0.value, "the label of choice '\(value)'") } ?? LocalizedText([:])
                let attributes = choiceAttributes(e, list: name, value: value, types: &attributeTypes)
                let keys = Set(attributes.keys)
                if let (expected, firstValue) = firstKeys {
                    for k in keys.subtracting(expected).sorted() {
                        var msg = "choice '\(value)' of list '\(name)' has attribute '\(k)', which choice '\(firstValue)' lacks; every choice of a list has the same attributes"
                        if let s = FormNames.suggestion(for: k, among: Array(expected)) { msg += " (did you mean '\(s)'?)" }
                        problem(e[k]?.key ?? item, msg)
                    }
                    for k in expected.subtracting(keys).sorted() {
                        problem(item, "choice '\(value)' of list '\(name)' lacks attribute '\(k)' that choice '\(firstValue)' has; every choice of a list has the same attributes")
                    }
                } else {
                    firstKeys = (keys, value)
                }
                list.append(Choice(value: value, label: label, attributes: attributes, line: vn.mark?.line ?? 0))
            }
            choiceLists[name] = list
        }
    }

    /// The attributes of one choice: its keys other than value and label, as yes/no, numbers
    /// or text; the same attribute must have one type across the list.
    func choiceAttributes(_ e: [String: (key: Node, value: Node)], list: String, value: String,
                          types: inout [String: (type: ExpressionType, choice: String)]) -> [String: Value] {
        var out: [String: Value] = [:]
        for (k, entry) in e where k != "value" && k != "label" {
            guard FormNames.isValidName(k) else {
                problem(entry.key, "choice attribute '\(k)' in list '\(list)' must be lowercase letters, digits and '_', starting with a letter"); continue
            }
            guard case .scalar(let sc) = entry.value else {
                problem(entry.value, "attribute '\(k)' of choice '\(value)' must be one value (yes/no, a number or text); found \(kind(entry.value))"); continue
            }
            let v: Value
            if sc.style == .plain || sc.style == .any {
                let t = sc.string
                if let i = Int(t) { v = .integer(i) }
                else if let d = Double(t), d.isFinite, t.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true { v = .decimal(d) }
                else if ["yes", "true"].contains(t.lowercased()) { v = .bool(true) }
                else if ["no", "false"].contains(t.lowercased()) { v = .bool(false) }
                else { v = .text(t) }
            } else {
                v = .text(sc.string)
            }
            let t = ChoiceAttribute.type(of: v)
            if let first = types[k], first.type != t {
                problem(entry.value, "attribute '\(k)' of choice '\(value)' is \(t == .number ? "a number" : t == .yesNo ? "yes/no" : "text") but \(first.type == .number ? "a number" : first.type == .yesNo ? "yes/no" : "text") on choice '\(first.choice)'; give it one type across list '\(list)'")
            }
            if types[k] == nil { types[k] = (t, value) }
            out[k] = v
        }
        return out
    }

    /// A list of fields at one level (top level or inside a repeat).
    func parseFields(_ node: Node, parent: [String]) -> [Field] {
        guard case .sequence(let items) = node else {
            problem(node, "fields must be a list of fields (each starting with '- name: ...'); found \(kind(node))")
            return []
        }
        var out: [Field] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let f = parseField(item, parent: parent) else { continue }
            if let first = seen[f.name] {
                problem(item, "field name '\(f.name)' is already used on line \(first)\(parent.isEmpty ? "" : " in repeat '\(parent.joined(separator: "."))'"); rename one of them")
                continue
            }
            seen[f.name] = f.line
            out.append(f)
        }
        return out
    }

    /// One field, with every key checked against its type.
    func parseField(_ node: Node, parent: [String]) -> Field? {
        guard let m = mapping(node, "a field", known: Self.fieldKeys, required: ["name", "type"]) else { return nil }
        guard let nameNode = m["name"]?.value, let name = string(nameNode, "a field's name") else { return nil }
        let what = "field '\(name)'"
        if !FormNames.isValidName(name) {
            problem(nameNode, "field name '\(name)' must be lowercase letters, digits and '_', starting with a letter (as in cough_2w)")
        }
        guard let typeNode = m["type"]?.value, let typeName = string(typeNode, "the type of \(what)") else { return nil }
        guard let type = FieldType(rawValue: typeName) else {
            let names = FieldType.allCases.map(\.rawValue)
            var msg = "unknown type '\(typeName)' for \(what)"
            if let s = FormNames.suggestion(for: typeName, among: names) { msg += "; did you mean '\(s)'?" }
            else { msg += "; use one of: \(names.joined(separator: ", "))" }
            problem(typeNode, msg)
            return nil
        }
        let path = parent + [name]
        let line = node.mark?.line ?? 1
        var field = Field(name: name, type: type, label: LocalizedText([:]), line: line)

        func notFor(_ key: String, _ allowed: String) {
            if let k = m[key]?.key { problem(k, "'\(key)' does not apply to \(what) of type \(type.rawValue); it is for \(allowed). Remove it") }
        }
        let isNumber = type == .integer || type == .decimal
        if !isNumber { for k in ["unit", "min", "max", "step"] { notFor(k, "integer and decimal fields") } }
        if type != .singleChoice && type != .multipleChoice { notFor("choices", "select_one and select_multiple fields") }
        if type != .repeatGroup { for k in ["fields", "min_count", "max_count"] { notFor(k, "repeat groups") } }
        if type == .note || type == .repeatGroup {
            for k in ["constraint", "constraint_message", "calculate", "example"] { notFor(k, "fields that hold an answer") }
        }
        if type == .note { for k in ["required", "required_message"] { notFor(k, "fields that hold an answer") } }
        if type != .singleChoice && type != .multipleChoice { notFor("choice_filter", "select_one and select_multiple fields") }
        if type != .text { notFor("max_length", "text fields") }
        if type == .text, let n = m["max_length"]?.value, let v = integer(n, "max_length of \(what)") {
            if v < 1 || v > Field.largestMaxTextLength {
                problem(n, "max_length of \(what) must be from 1 to \(Field.largestMaxTextLength) characters, not \(v)")
            } else {
                field.maxLength = v
            }
        }
        if type == .image { for k in ["calculate", "example"] { notFor(k, "fields other than images") } }

        // Texts.
        if let l = m["label"] { field.label = text(l.value, "the label of \(what)") ?? field.label }
        else if m["calculate"] == nil { problem(node, "\(what) lacks required key 'label'; add label: {\(languages.map { "\($0): ..." }.joined(separator: ", "))}") }
        if let h = m["hint"] { field.hint = text(h.value, "the hint of \(what)") }

        // Expressions.
        let scope = parent
        if let r = m["relevant"] { field.relevant = expression(r.value, .relevant, owner: path, scope: scope, what: "relevant of \(what)") }
        if let c = m["constraint"] {
            field.constraint = expression(c.value, .constraint, owner: path, scope: scope, what: "constraint of \(what)")
            if m["constraint_message"] == nil {
                problem(c.key, "\(what) has a constraint but no constraint_message; add one saying what to enter instead")
            }
        }
        if let c = m["constraint_message"] {
            field.constraintMessage = text(c.value, "the constraint_message of \(what)")
            if m["constraint"] == nil { problem(c.key, "\(what) has a constraint_message but no constraint; add the constraint or remove the message") }
        }
        if let c = m["calculate"] {
            field.calculate = expression(c.value, .calculate, owner: path, scope: scope, what: "calculate of \(what)")
            if let r = m["required"] { problem(r.key, "\(what) is calculated, so it is never answered; remove 'required'") }
            if let r = m["required_message"] { problem(r.key, "\(what) is calculated, so it is never answered; remove 'required_message'") }
            if let e = m["example"] { problem(e.key, "\(what) is calculated; remove 'example'") }
        }
        if let r = m["required"], type != .note {
            if case .scalar(let s) = r.value, ["true", "false", "yes", "no"].contains(s.string.lowercased()), s.style == .plain || s.style == .any {
                field.required = s.string.lowercased() == "true" || s.string.lowercased() == "yes" ? .always : .never
            } else if let e = expression(r.value, .required, owner: path, scope: scope, what: "required of \(what)") {
                field.required = .when(e)
            }
        }
        if let r = m["required_message"], type != .note, m["calculate"] == nil {
            field.requiredMessage = text(r.value, "the required_message of \(what)")
            if m["required"] == nil { problem(r.key, "\(what) has a required_message but is never required; add required: true (or a condition) or remove the message") }
        }

        // Numbers.
        if isNumber {
            if let u = m["unit"] { field.unit = string(u.value, "the unit of \(what)") }
            for key in ["min", "max", "step"] {
                guard let n = m[key]?.value, let v = number(n, "\(key) of \(what)") else { continue }
                if abs(v) > 1e15 {
                    problem(n, "\(key) of \(what) is too large; use a value between -1e15 and 1e15")
                    continue
                }
                if type == .integer && v != v.rounded() {
                    problem(n, "\(key) of integer \(what) must be a whole number, not \(FormNumber.format(v)); make the field decimal or round it")
                    continue
                }
                switch key {
                case "min": field.min = v
                case "max": field.max = v
                default:
                    if v <= 0 { problem(n, "step of \(what) must be greater than 0, not \(FormNumber.format(v))"); continue }
                    field.step = v
                }
            }
            if let lo = field.min, let hi = field.max, lo > hi, let n = m["max"]?.value {
                problem(n, "max \(FormNumber.format(hi)) of \(what) is below its min \(FormNumber.format(lo)); swap them")
            }
        }

        // Choices.
        if type == .singleChoice || type == .multipleChoice {
            if let c = m["choices"]?.value {
                if let list = string(c, "the choices of \(what)") {
                    field.choiceList = list
                    if choiceLists[list] == nil {
                        var msg = "\(what) uses choice list '\(list)', which is not defined under choices:"
                        if let s = FormNames.suggestion(for: list, among: Array(choiceLists.keys)) { msg += "; did you mean '\(s)'?" }
                        else { msg += "; add it there" }
                        problem(c, msg)
                    }
                }
            } else {
                problem(node, "\(what) of type \(type.rawValue) lacks 'choices'; name a list defined under choices:")
            }
            if let c = m["choice_filter"] {
                field.choiceFilter = expression(c.value, .choiceFilter, owner: path, scope: scope, what: "choice_filter of \(what)")
            }
        }

        // Repeat groups.
        if type == .repeatGroup {
            if let f = m["fields"]?.value {
                field.fields = parseFields(f, parent: path)
                if case .sequence(let s) = f, s.isEmpty { problem(f, "repeat \(what) has no fields; add at least one") }
            } else {
                problem(node, "repeat \(what) lacks 'fields'; list its sub-fields")
            }
            for key in ["min_count", "max_count"] {
                guard let n = m[key]?.value else { continue }
                let role: PendingExpression.Role = key == "min_count" ? .minCount : .maxCount
                if case .scalar(let sc) = n, sc.style == .plain || sc.style == .any, let v = Int(sc.string) {
                    if key == "min_count" {
                        if v < 0 { problem(n, "min_count of \(what) must be 0 or more") } else { field.minCount = v }
                    } else {
                        if v < 1 { problem(n, "max_count of \(what) must be 1 or more") } else { field.maxCount = v }
                    }
                } else if case .scalar(let sc) = n, sc.style == .plain || sc.style == .any, Double(sc.string) != nil {
                    problem(n, "\(key) of \(what) must be a whole number or an expression giving one, not \(sc.string)")
                } else if let e = expression(n, role, owner: path, scope: scope, what: "\(key) of \(what)") {
                    if key == "min_count" { field.minCountExpression = e } else { field.maxCountExpression = e }
                }
            }
            if let lo = field.minCount, let hi = field.maxCount, lo > hi, let n = m["max_count"]?.value {
                problem(n, "max_count \(hi) of \(what) is below its min_count \(lo); swap them")
            }
        }

        // Roles: who sees and answers the field (`roles`), who reads a stored answer (`read_roles`).
        func roleList(_ key: String) -> Set<Role>? {
            guard let r = m[key]?.value, let list = stringList(r, "the \(key) of \(what)") else { return nil }
            var roles: Set<Role> = []
            for (s, n) in list {
                if let role = Role(name: s) { roles.insert(role) }
                else { problem(n, "unknown role '\(s)' in the \(key) of \(what); roles are: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            }
            return roles
        }
        field.roles = roleList("roles")
        field.readRoles = roleList("read_roles")
        if let n = m["awaited"]?.value, let awaited = bool(n, "awaited of \(what)") {
            field.awaited = awaited
            if awaited && field.roles == nil {
                problem(n, "awaited \(what) needs roles: the roles that answer it after the rest of the form is saved (roles: [radiologist])")
            }
        }
        if let read = field.readRoles, read.isEmpty, let n = m["read_roles"]?.value {
            problem(n, "the read_roles of \(what) are empty; name at least one role (medical-officer) that may read its answers")
        }

        if let e = m["example"]?.value, type != .note, type != .repeatGroup, type != .image, m["calculate"] == nil {
            examples.append((path, e))
        }
        return field
    }
}
