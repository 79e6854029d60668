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

    func eval(_ node: ExpressionNode, _ a: Answers, current: Value?, scope: FieldPath?) -> Value? {
        func ev(_ n: ExpressionNode) -> Value? { eval(n, a, current: current, scope: scope) }
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
            return call(name, args, a, current: current, scope: scope)
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
        if case .date(let d) = x, let n = y.number, n.isFinite, abs(n) < 1e7 {
            if op == "+" { return .date(d.adding(days: Int(n.rounded()))) }
            if op == "-" { return .date(d.adding(days: -Int(n.rounded()))) }
            return nil
        }
        if case .date(let d) = y, let n = x.number, op == "+", n.isFinite, abs(n) < 1e7 { return .date(d.adding(days: Int(n.rounded()))) }
        if case .date(let a) = x, case .date(let b) = y, op == "-" { return .integer(b.days(until: a)) }
        if case .integer(let a) = x, case .integer(let b) = y {
            switch op {
            case "+": let (v, o) = a.addingReportingOverflow(b); if !o { return .integer(v) }
            case "-": let (v, o) = a.subtractingReportingOverflow(b); if !o { return .integer(v) }
            case "*": let (v, o) = a.multipliedReportingOverflow(by: b); if !o { return .integer(v) }
            case "mod": return b == 0 ? nil : .integer(a % b)
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

    // MARK: Functions

    private func call(_ name: String, _ args: [ExpressionNode], _ a: Answers, current: Value?, scope: FieldPath?) -> Value? {
        func ev(_ i: Int) -> Value? { i < args.count ? eval(args[i], a, current: current, scope: scope) : nil }
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
        case "date": return ev(0)?.string.flatMap { LocalDate($0) }.map(Value.date)
        case "days_between":
            guard let d1 = ev(0)?.date, let d2 = ev(1)?.date else { return nil }
            return .integer(d1.days(until: d2))
        case "add_days", "add_months":
            guard let d = ev(0)?.date, let n = ev(1)?.number, n.isFinite, abs(n) < 1e6 else { return nil }
            let k = Int(n.rounded())
            return .date(name == "add_days" ? d.adding(days: k) : d.adding(months: k))
        case "age": return context.person.map { .integer($0.age(on: context.today)) }
        case "sex": return context.person.map { .text($0.sex) }
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
