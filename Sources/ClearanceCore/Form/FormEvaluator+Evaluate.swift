import Foundation

// MARK: - Expression evaluation

extension FormEvaluator {
    /// The value of `${name}` seen from `scope`: the innermost level that declares the name.
    func lookup(_ name: String, in answers: Answers, scope: FieldPath?) -> Value? {
        let scopeComponents = scope?.components ?? []
        guard let def = form.resolve(name, scope: scopeComponents.map(\.name)) else { return nil }
        let path = FieldPath(Array(scopeComponents.prefix(def.count - 1)) + [FieldPath.Component(name: name)])
        return answers.value(at: path)
    }

    /// The value of `node`, or nil when empty. `scope` is the repeat row `${name}` is seen
    /// from; `choice` the choice a `choice_filter` is deciding on.
    func eval(_ node: ExpressionNode, _ a: Answers, current: Value?, scope: FieldPath?, choice: Choice? = nil) -> Value? {
        func ev(_ n: ExpressionNode) -> Value? { eval(n, a, current: current, scope: scope, choice: choice) }
        switch node {
        case .field(let name): return lookup(name, in: a, scope: scope)
        case .current: return current
        case .string(let s): return .text(s)
        case .number(let n): return n == n.rounded() && abs(n) < 9e15 ? .integer(Int(n)) : .decimal(n)
        case .bool(let b): return .bool(b)
        case .unary(let op, let x):
            if op == "not" { return .bool(ev(x)?.bool != true) }
            guard let v = ev(x) else { return nil }
            if case .integer(let i) = v, i != Int.min { return .integer(-i) }
            return v.number.map { .decimal(-$0) }
        case .binary(let op, let l, let r):
            switch op {
            case "and": return .bool(ev(l)?.bool == true && ev(r)?.bool == true)
            case "or": return .bool(ev(l)?.bool == true || ev(r)?.bool == true)
            case "=", "!=", "<", "<=", ">", ">=":
                guard let x = ev(l), let y = ev(r) else { return .bool(false) }
                return .bool(Self.compare(op, x, y))
            default:
                guard let x = ev(l), let y = ev(r) else { return nil }
                return Self.arithmetic(op, x, y)
            }
        case .call(let name, let args):
            return call(name, args, a, current: current, scope: scope, choice: choice)
        }
    }

    // MARK: Operators

    private enum Comparable0 { case number(Double), text(String), date(LocalDate), bool(Bool) }

    private static func comparable(_ v: Value) -> Comparable0? {
        switch v {
        case .integer(let i): return .number(Double(i))
        case .decimal(let d): return .number(d)
        case .text(let s), .choice(let s): return .text(s)
        case .date(let d): return .date(d)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    /// A comparison; values of kinds that cannot be compared give false.
    static func compare(_ op: String, _ x: Value, _ y: Value) -> Bool {
        guard var l = comparable(x), var r = comparable(y) else { return false }
        // yes/no against 'yes'/'no'.
        if case .bool = l, case .text(let s) = r, s == "yes" || s == "no" { r = .bool(s == "yes") }
        if case .bool = r, case .text(let s) = l, s == "yes" || s == "no" { l = .bool(s == "yes") }
        let order: Int
        switch (l, r) {
        case (.number(let a), .number(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.text(let a), .text(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.date(let a), .date(let b)): order = a < b ? -1 : (a > b ? 1 : 0)
        case (.bool(let a), .bool(let b)):
            guard op == "=" || op == "!=" else { return false }
            order = a == b ? 0 : 1
        default: return false
        }
        switch op {
        case "=": return order == 0
        case "!=": return order != 0
        case "<": return order < 0
        case "<=": return order <= 0
        case ">": return order > 0
        default: return order >= 0
        }
    }

    /// `+ - * div mod`; integers stay integers except through `div`. Division by zero is empty.
    static func arithmetic(_ op: String, _ x: Value, _ y: Value) -> Value? {
        if case .date(let d) = x, let n = y.number {
            if op == "+" { return shifted(d, days: n) }
            if op == "-" { return shifted(d, days: -n) }
            return nil
        }
        if case .date(let d) = y, let n = x.number, op == "+" { return shifted(d, days: n) }
        if case .date(let a) = x, case .date(let b) = y, op == "-" { return .integer(b.days(until: a)) }
        if case .integer(let a) = x, case .integer(let b) = y {
            switch op {
            case "+": let (v, o) = a.addingReportingOverflow(b); if !o { return .integer(v) }
            case "-": let (v, o) = a.subtractingReportingOverflow(b); if !o { return .integer(v) }
            case "*": let (v, o) = a.multipliedReportingOverflow(by: b); if !o { return .integer(v) }
            case "mod":
                guard b != 0 else { return nil }
                let (v, o) = a.remainderReportingOverflow(dividingBy: b); if !o { return .integer(v) }
            default: break
            }
        }
        guard let a = x.number, let b = y.number else { return nil }
        let v: Double
        switch op {
        case "+": v = a + b
        case "-": v = a - b
        case "*": v = a * b
        case "div": guard b != 0 else { return nil }; v = a / b
        case "mod": guard b != 0 else { return nil }; v = a.truncatingRemainder(dividingBy: b)
        default: return nil
        }
        return v.isFinite ? .decimal(v) : nil
    }

    /// A date moved by days or months, or empty when the result leaves years 1-9999.
    static func shifted(_ d: LocalDate, days: Double = 0, months: Double = 0) -> Value? {
        guard days.isFinite, months.isFinite, abs(days) < 4e6, abs(months) < 1.2e5 else { return nil }
        let byMonths: LocalDate
        let m = Int(months.rounded())
        let total = d.year * 12 + (d.month - 1) + m
        guard (12...(9999 * 12 + 11)).contains(total) else { return nil }
        byMonths = d.adding(months: m)
        let r = byMonths.adding(days: Int(days.rounded()))
        return (1...9999).contains(r.year) ? .date(r) : nil
    }

    // MARK: Functions

    private func call(_ name: String, _ args: [ExpressionNode], _ a: Answers, current: Value?, scope: FieldPath?, choice: Choice?) -> Value? {
        func ev(_ i: Int) -> Value? { i < args.count ? eval(args[i], a, current: current, scope: scope, choice: choice) : nil }
        if let rows = rows(name, args, a, scope: scope) {
            return aggregate(name, rows.map { eval(args[1], a, current: current, scope: $0, choice: choice) })
        }
        switch name {
        case "selected":
            guard let s = ev(1)?.string else { return .bool(false) }
            return .bool(ev(0)?.selections.contains(s) ?? false)
        case "count_selected": return .integer(ev(0)?.selections.count ?? 0)
        case "count": return .integer(ev(0)?.instances.count ?? 0)
        case "answered": return .bool(ev(0) != nil)
        case "if": return ev(0)?.bool == true ? ev(1) : ev(2)
        case "coalesce":
            for i in args.indices { if let v = ev(i) { return v } }
            return nil
        case "min", "max":
            var values: [Value] = []
            for i in args.indices { guard let v = ev(i) else { return nil }; values.append(v) }
            let pick = name == "min" ? "<" : ">"
            return values.dropFirst().reduce(values.first) { best, v in
                guard let b = best else { return nil }
                return Self.compare(pick, v, b) ? v : b
            }
        case "round":
            guard let v = ev(0), let x = v.number else { return nil }
            let digits = args.count > 1 ? (ev(1)?.number).map { Int(Swift.max(-15, Swift.min(15, $0))) } : 0
            guard let digits else { return nil }
            if case .integer = v, digits >= 0 { return v }
            // Round the shortest decimal text of x, so 2.345 rounds to 2.35 as written.
            guard x.isFinite, var d = Decimal(string: "\(x)") else { return nil }
            var r = Decimal()
            NSDecimalRound(&r, &d, digits, .plain)
            return .decimal(NSDecimalNumber(decimal: r).doubleValue)
        case "abs":
            guard let v = ev(0) else { return nil }
            if case .integer(let i) = v, i != Int.min { return .integer(abs(i)) }
            return v.number.map { .decimal(abs($0)) }
        case "today": return .date(context.today)
        case "year": return ev(0)?.date.map { .integer($0.year) }
        case "month": return ev(0)?.date.map { .integer($0.month) }
        case "pow":
            guard let x = ev(0)?.number, let y = ev(1)?.number else { return nil }
            let r = Foundation.pow(x, y)
            return r.isFinite ? .decimal(r) : nil
        case "date": return ev(0)?.string.flatMap { LocalDate($0) }.map(Value.date)
        case "days_between":
            guard let d1 = ev(0)?.date, let d2 = ev(1)?.date else { return nil }
            return .integer(d1.days(until: d2))
        case "add_days", "add_months":
            guard let d = ev(0)?.date, let n = ev(1)?.number else { return nil }
            return name == "add_days" ? Self.shifted(d, days: n) : Self.shifted(d, months: n)
        case "age": return context.person.map { .integer($0.age(on: context.today)) }
        case "age_at":
            guard let p = context.person, let d = ev(0)?.date else { return nil }
            return .integer(p.age(on: d))
        case "age_months":
            guard let p = context.person else { return nil }
            let on = args.isEmpty ? context.today : ev(0)?.date
            return on.map { .integer(p.dateOfBirth.wholeMonths(until: $0)) }
        case "dob": return context.person.map { .date($0.dateOfBirth) }
        case "number": return ev(0)?.string.flatMap(FormNumber.parse)
        case "substring_before", "substring_after":
            guard let s = ev(0)?.string, let sep = ev(1)?.string, !sep.isEmpty, let r = s.range(of: sep) else { return nil }
            return .text(String(name == "substring_before" ? s[..<r.lowerBound] : s[r.upperBound...]))
        case "prev":
            guard case .field(let f)? = args.first, let row = scope, let last = row.components.last,
                  let k = last.index, k > 1 else { return nil }
            var earlier = row.components
            earlier[earlier.count - 1].index = k - 1
            return lookup(f, in: a, scope: FieldPath(earlier))
        case "choice":
            guard let c = choice, let attr = ev(0)?.string else { return nil }
            return c.attributes[attr]
        case "sex": return context.person.map { .text($0.sex) }
        case "nationality": return context.person.map { .text($0.nationality) }
        case "contains":
            guard let s = ev(0)?.string, let part = ev(1)?.string, !part.isEmpty else { return .bool(false) }
            return .bool(s.contains(part))
        case "has_result":
            guard let m = ev(0)?.string, let c = ev(1)?.string else { return .bool(false) }
            return .bool(context.hasResult(m, c))
        case "param":
            let fallback = ev(1)
            guard let p = ev(0)?.string, let v = context.parameters[p] else { return fallback }
            guard let f = fallback else { return v }
            return Self.sameKind(v, f) ? v : f
        case "regex":
            guard let s = ev(0)?.string, let p = ev(1)?.string,
                  let re = try? NSRegularExpression(pattern: p) else { return .bool(false) }
            return .bool(re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        case "length": return .integer(ev(0)?.string?.count ?? 0)
        default: return nil
        }
    }

    /// The rows a row function iterates (`any(${doses}, ...)`, or `min`/`max` whose first
    /// argument is a repeat group), each as the scope its second argument is seen from; nil
    /// when the call is not a row function.
    func rows(_ name: String, _ args: [ExpressionNode], _ a: Answers, scope: FieldPath?) -> [FieldPath]? {
        // Cheap tests first: this runs for every function call.
        guard args.count == 2, ExpressionFunction.rowFunctions.contains(name) || name == "min" || name == "max",
              case .field(let g) = args[0] else { return nil }
        let outer = scope?.components ?? []
        guard let def = form.rowGroup(name, args, scope: outer.map(\.name)) else { return nil }
        let prefix = Array(outer.prefix(def.count - 1))
        let n = a.value(at: FieldPath(prefix + [FieldPath.Component(name: g)]))?.instances.count ?? 0
        return n == 0 ? [] : (1...n).map { FieldPath(prefix + [FieldPath.Component(name: g, index: $0)]) }
    }

    /// A row function's result from its per-row values (see `docs/FORMS.md`, "Repeat rows").
    func aggregate(_ name: String, _ values: [Value?]) -> Value? {
        switch name {
        case "any": return .bool(values.contains { $0?.bool == true })
        case "all": return .bool(values.allSatisfy { $0?.bool == true })
        case "count_where": return .integer(values.filter { $0?.bool == true }.count)
        case "sum":
            var total: Value = .integer(0)
            for case let v? in values { total = Self.arithmetic("+", total, v) ?? total }
            return total
        default: // min, max: empty rows are skipped; no values at all is empty
            let pick = name == "min" ? "<" : ">"
            return values.compactMap { $0 }.reduce(nil) { best, v in
                guard let b = best else { return v }
                return Self.compare(pick, v, b) ? v : b
            }
        }
    }

    /// Whether a rule-pack parameter can stand in for a default of the other's kind.
    static func sameKind(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.integer, .integer), (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal),
             (.date, .date), (.bool, .bool): return true
        case (.text, .text), (.text, .choice), (.choice, .text), (.choice, .choice): return true
        default: return false
        }
    }
}
