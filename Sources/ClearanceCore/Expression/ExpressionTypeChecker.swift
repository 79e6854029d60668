import Foundation

/// Works out the type of an expression and reports every reference, function and type problem
/// with its column. Run by the form loader on every expression of a form.
struct ExpressionTypeChecker {
    /// What a `${name}` resolves to.
    struct FieldInfo {
        var type: ExpressionType
        /// The field's definition path (`specimens.smear`), used for the dependency graph.
        var key: String
        /// The same path as names (`["specimens", "smear"]`).
        var path: [String]
    }

    /// Resolves a name seen from a repeat row (`scope`, a definition path; empty at top level);
    /// `.failure` carries the message.
    var resolve: (String, [String]) -> Result<FieldInfo, ExpressionError>
    /// The repeat group whose row the expression sees: where the expression is written, or the
    /// group of an enclosing row function (`any(${doses}, ...)` checks its second argument in
    /// a row of `doses`).
    var scope: [String]
    /// The type `.` stands for, or nil when `.` is not allowed here.
    var currentType: ExpressionType?
    /// What to say when `.` is used where it is not allowed.
    var currentMisuse = "'.' means the answer being checked; use it only in a constraint (or a choice_filter, where it is the choice's value)"
    var choiceLists: [String: [Choice]]
    /// In a `choice_filter`: the attributes of the choice being filtered, with their types
    /// (what `choice('name')` reads). Nil elsewhere.
    var choiceAttributes: [String: ExpressionType]?

    var errors: [ExpressionError] = []
    /// Definition paths of the fields referenced, in order.
    private(set) var references: [String] = []

    init(choiceLists: [String: [Choice]], currentType: ExpressionType?, scope: [String] = [],
         resolve: @escaping (String, [String]) -> Result<FieldInfo, ExpressionError>) {
        self.choiceLists = choiceLists; self.currentType = currentType; self.scope = scope; self.resolve = resolve
    }

    /// Records a field the expression reads.
    mutating func noteReference(_ info: FieldInfo) {
        if !references.contains(info.key) { references.append(info.key) }
    }

    mutating func fail(_ kind: ExpressionError.Kind, _ node: SyntaxNode, _ message: String) -> ExpressionType? {
        errors.append(ExpressionError(kind, column: node.column, message))
        return nil
    }

    /// The type of `node`, or nil when a problem was recorded in ``errors``.
    mutating func check(_ node: SyntaxNode) -> ExpressionType? {
        switch node.node {
        case .number: return .number
        case .string: return .text
        case .bool: return .bool
        case .current:
            guard let t = currentType else { return fail(.reference, node, currentMisuse) }
            return t
        case .field(let name):
            switch resolve(name, scope) {
            case .success(let info):
                noteReference(info)
                return info.type
            case .failure(let e):
                errors.append(ExpressionError(e.kind, column: node.column, e.message))
                return nil
            }
        case .unary(let op, _):
            guard let t = check(node.children[0]) else { return nil }
            if op == "not" {
                return t.isCondition ? .bool : fail(.type, node, "'not' needs a condition, not a \(t)")
            }
            return t == .number ? .number : fail(.type, node, "'-' needs a number, not a \(t)")
        case .binary(let op, _, _):
            return checkBinary(op, node)
        case .call(let name, _):
            return checkCall(name, node)
        }
    }

    /// The values of a choice list, when it exists.
    func values(of list: String) -> [String]? { choiceLists[list]?.map(\.value) }

    /// Checks a text literal compared with (or selected from) a choice or yes/no value.
    mutating func checkLiteral(_ literal: SyntaxNode, against type: ExpressionType) {
        guard case .string(let s) = literal.node else { return }
        switch type {
        case .choice(let list), .choices(let list):
            if let vs = values(of: list), !vs.contains(s) {
                errors.append(ExpressionError(.type, column: literal.column,
                    "'\(s)' is not a value of choice list '\(list)'; use one of: \(vs.joined(separator: ", "))"))
            }
        case .yesNo:
            if s != "yes" && s != "no" {
                errors.append(ExpressionError(.type, column: literal.column, "a yes/no field is 'yes' or 'no', not '\(s)'"))
            }
        default: break
        }
    }

    private mutating func checkBinary(_ op: String, _ node: SyntaxNode) -> ExpressionType? {
        let (ln, rn) = (node.children[0], node.children[1])
        let lt = check(ln), rt = check(rn)
        guard let l = lt, let r = rt else { return nil }
        switch op {
        case "and", "or":
            if !l.isCondition { return fail(.type, ln, "'\(op)' needs conditions on both sides, not a \(l)") }
            if !r.isCondition { return fail(.type, rn, "'\(op)' needs conditions on both sides, not a \(r)") }
            return .bool
        case "=", "!=":
            checkLiteral(rn, against: l); checkLiteral(ln, against: r)
            let ok = (l == .number && r == .number) || (l.isTextual && r.isTextual) || (l == .date && r == .date)
                || (l.isCondition && r.isCondition) || (l == .yesNo && r == .text) || (l == .text && r == .yesNo)
            if ok { return .bool }
            if case .choices = l { return fail(.type, node, "a select_multiple field cannot be compared; use selected(${field}, 'value')") }
            if case .choices = r { return fail(.type, node, "a select_multiple field cannot be compared; use selected(${field}, 'value')") }
            return fail(.type, node, "cannot compare a \(l) with a \(r)")
        case "<", "<=", ">", ">=":
            if (l == .number && r == .number) || (l == .date && r == .date) || (l.isTextual && r.isTextual) { return .bool }
            return fail(.type, node, "'\(op)' compares two numbers, two dates or two texts, not a \(l) with a \(r)")
        case "+":
            if l == .number && r == .number { return .number }
            if (l == .date && r == .number) || (l == .number && r == .date) { return .date }
            return fail(.type, node, "'+' adds numbers (or days to a date), not a \(l) and a \(r)")
        case "-":
            if l == .number && r == .number { return .number }
            if l == .date && r == .number { return .date }
            if l == .date && r == .date { return .number }
            return fail(.type, node, "'-' subtracts numbers, days from a date or two dates, not a \(r) from a \(l)")
        default: // *, div, mod
            if l == .number && r == .number { return .number }
            return fail(.type, node, "'\(op)' needs two numbers, not a \(l) and a \(r)")
        }
    }

    private mutating func checkCall(_ name: String, _ node: SyntaxNode) -> ExpressionType? {
        guard let arity = ExpressionFunction.arity(name) else {
            let known = ExpressionFunction.usage.keys.sorted()
            guard let near = FormNames.suggestion(for: name, among: known) else {
                for c in node.children { _ = check(c) }
                return fail(.function, node, "unknown function '\(name)'; the functions are: \(known.joined(separator: ", "))")
            }
            // The arguments of a misspelt row function read the rows: checked as plain values
            // they would report every row field a second time.
            let readsRows = ExpressionFunction.rowFunctions.contains(near) || near == "min" || near == "max"
            for c in node.children where !readsRows { _ = check(c) }
            return fail(.function, node, "unknown function '\(name)'; did you mean \(ExpressionFunction.usage[near] ?? near + "()")?")
        }
        let args = node.children
        let usage = ExpressionFunction.usage[name] ?? name
        guard arity.contains(args.count) else {
            for c in args where !ExpressionFunction.rowFunctions.contains(name) { _ = check(c) }
            return fail(.function, node, "\(name)() takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)") argument\(arity.upperBound == 1 ? "" : "s"), given \(args.count); write \(usage)")
        }
        // Functions whose arguments are not plain values seen from here.
        if ExpressionFunction.rowFunctions.contains(name) || ((name == "min" || name == "max") && args.count == 2 && isGroupReference(args[0])) {
            return checkRowFunction(name, node)
        }
        if name == "prev" { return checkPrev(node) }
        if name == "choice" { return checkChoiceAttribute(node) }
        let types = args.map { check($0) }
        guard !types.contains(where: { $0 == nil }) else { return nil }
        let t = types.map { $0! }

        func need(_ i: Int, _ ok: Bool, _ what: String) -> Bool {
            if !ok { errors.append(ExpressionError(.type, column: args[i].column,
                "argument \(i + 1) of \(name)() must be \(what), not a \(t[i]); write \(usage)")) }
            return ok
        }
        func literal(_ i: Int) -> String? {
            if case .string(let s) = args[i].node { return s }
            return nil
        }

        switch name {
        case "selected":
            var ok = true
            if case .choices = t[0] {} else { ok = need(0, false, "a select_multiple field") }
            ok = need(1, t[1].isTextual, "a choice value") && ok
            if ok { checkLiteral(args[1], against: t[0]) }
            return ok ? .bool : nil
        case "count_selected":
            if case .choices = t[0] { return .number }
            return need(0, false, "a select_multiple field") ? .number : nil
        case "count":
            return need(0, t[0] == .group, "a repeat group") ? .number : nil
        case "answered":
            if case .field = args[0].node { return .bool }
            if case .current = args[0].node { return .bool }
            if case .call("prev", _) = args[0].node { return .bool }
            return fail(.type, args[0], "answered() takes a field, as in answered(${name}) or answered(prev(${name}))")
        case "if":
            guard need(0, t[0].isCondition, "a condition") else { return nil }
            guard let u = ExpressionType.unify(t[1], t[2]) else {
                return fail(.type, node, "the two branches of if() must have the same type, not \(t[1]) and \(t[2])")
            }
            return u
        case "coalesce":
            var u = t[0]
            for x in t.dropFirst() {
                guard let v = ExpressionType.unify(u, x) else {
                    return fail(.type, node, "the arguments of coalesce() must have the same type, not \(u) and \(x)")
                }
                u = v
            }
            return u
        case "min", "max":
            if t.allSatisfy({ $0 == .number }) { return .number }
            if t.allSatisfy({ $0 == .date }) { return .date }
            return fail(.type, node, "\(name)() takes numbers or dates (all the same), not \(t.map(\.description).joined(separator: ", "))")
        case "round":
            var ok = need(0, t[0] == .number, "a number")
            if t.count == 2 { ok = need(1, t[1] == .number, "a number of digits") && ok }
            return ok ? .number : nil
        case "abs":
            return need(0, t[0] == .number, "a number") ? .number : nil
        case "today", "dob": return .date
        case "age": return .number
        case "age_at", "year", "month":
            return need(0, t[0] == .date, "a date") ? .number : nil
        case "age_months":
            return t.isEmpty || need(0, t[0] == .date, "a date") ? .number : nil
        case "number":
            guard need(0, t[0].isTextual, "text") else { return nil }
            if let s = literal(0), FormNumber.parse(s) == nil {
                return fail(.type, args[0], "'\(s)' is not a number; number() reads digits with an optional sign and a '.' decimal point, as in '16' or '-0.5'")
            }
            return .number
        case "substring_before", "substring_after":
            let ok = need(0, t[0].isTextual, "text") && need(1, t[1].isTextual, "text (the separator)")
            if ok, let s = literal(1), s.isEmpty { return fail(.type, args[1], "the separator of \(name)() is empty; write the text to look for, as in ':'") }
            return ok ? .text : nil
        case "sex", "nationality": return .text
        case "pow":
            let ok = need(0, t[0] == .number, "a number") && need(1, t[1] == .number, "a number (the exponent)")
            return ok ? .number : nil
        case "contains":
            let ok = need(0, t[0].isTextual, "text") && need(1, t[1].isTextual, "text (the part to look for)")
            return ok ? .bool : nil
        case "date":
            guard need(0, t[0].isTextual, "text 'YYYY-MM-DD'") else { return nil }
            if let s = literal(0), LocalDate(s) == nil {
                return fail(.type, args[0], "'\(s)' is not a date; write 'YYYY-MM-DD' with a real day")
            }
            return .date
        case "days_between":
            let ok = need(0, t[0] == .date, "a date") && need(1, t[1] == .date, "a date")
            return ok ? .number : nil
        case "add_days", "add_months":
            let ok = need(0, t[0] == .date, "a date") && need(1, t[1] == .number, "a number")
            return ok ? .date : nil
        case "has_result":
            guard literal(0) != nil else { return fail(.type, args[0], "has_result() names the module as text: \(usage)") }
            guard literal(1) != nil else { return fail(.type, args[1], "has_result() names the result code as text: \(usage)") }
            return .bool
        case "param":
            guard let p = literal(0) else { return fail(.type, args[0], "param() names the parameter as text: \(usage)") }
            guard FormNames.isValidName(p) else {
                return fail(.type, args[0], "'\(p)' is not a parameter name; use lowercase letters, digits and '_'")
            }
            if t[1] == .group || t[1] == .image { return fail(.type, args[1], "the default of param() must be a number, text, date or condition") }
            return t[1] == .yesNo ? .bool : t[1]
        case "regex":
            guard need(0, t[0].isTextual, "text") else { return nil }
            guard let pattern = literal(1) else { return fail(.type, args[1], "the pattern of regex() must be written as text: \(usage)") }
            if (try? NSRegularExpression(pattern: pattern)) == nil {
                return fail(.type, args[1], "'\(pattern)' is not a valid regular expression")
            }
            return .bool
        case "length":
            return need(0, t[0].isTextual, "text") ? .number : nil
        default:
            return fail(.function, node, "unknown function '\(name)'")
        }
    }
}
