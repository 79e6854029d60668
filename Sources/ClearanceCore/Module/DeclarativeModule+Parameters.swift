extension DeclarativeModule {
    /// The rule pack parameters a declarative module reads: every `param('name', default)` in
    /// its form's expressions and its rules, typed by the default (a number, yes/no or a text;
    /// no default accepts any value). Nil when a `param` call names its parameter with
    /// something other than a text literal (then any parameter is accepted).
    ///
    /// ```swift
    /// // vision.yaml: param('refer_below', 0.5)
    /// DeclarativeModule.declaredParameters(form: form, rules: spec.rules)  // [refer_below: number]
    /// ```
    static func declaredParameters(form: FormSpec, rules: [ResultRule]) -> [ModuleParameter]? {
        var expressions: [Expression] = rules.map(\.when)
        for field in form.allFields {
            if case .when(let e) = field.required { expressions.append(e) }
            expressions += [field.relevant, field.constraint, field.calculate, field.choiceFilter,
                            field.minCountExpression, field.maxCountExpression].compactMap { $0 }
        }
        var found: [ModuleParameter] = []
        var opaque = false
        func walk(_ n: ExpressionNode) {
            switch n {
            case .field, .current, .string, .number, .bool: break
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .call(let name, let args):
                args.forEach(walk)
                guard name == "param" else { return }
                guard case .string(let p)? = args.first else { opaque = true; return }
                let kind: ModuleParameter.Kind
                switch args.dropFirst().first {
                case .number?: kind = .number(-1e12...1e12)
                case .bool?: kind = .bool
                case .string?: kind = .text(allowed: nil)
                default: kind = .any
                }
                if let i = found.firstIndex(where: { $0.name == p }) {
                    if found[i].kind != kind { found[i].kind = .any }   // read with two kinds of default
                } else {
                    found.append(ModuleParameter(p, kind, "read with param('\(p)', ...) in the form"))
                }
            }
        }
        expressions.forEach { walk($0.root) }
        return opaque ? nil : found
    }
}
