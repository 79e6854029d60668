// MARK: - Row functions, prev() and choice attributes

extension ExpressionTypeChecker {
    /// Whether `node` is `${name}` naming a repeat group visible from here.
    func isGroupReference(_ node: SyntaxNode) -> Bool {
        guard case .field(let name) = node.node, case .success(let info) = resolve(name, scope) else { return false }
        return info.type == .group
    }

    /// `any`, `all`, `count_where`, `sum`, and `min`/`max` over a repeat group: the second
    /// argument is checked as seen from one row of the group named by the first.
    mutating func checkRowFunction(_ name: String, _ node: SyntaxNode) -> ExpressionType? {
        let args = node.children
        let usage = ExpressionFunction.usage[name] ?? name
        guard case .field(let groupName) = args[0].node else {
            return fail(.type, args[0], "argument 1 of \(name)() must be a repeat group written as ${name}; write \(usage)")
        }
        let info: FieldInfo
        switch resolve(groupName, scope) {
        case .success(let i): info = i
        case .failure(let e):
            errors.append(ExpressionError(e.kind, column: args[0].column, e.message))
            return nil
        }
        guard info.type == .group else {
            return fail(.type, args[0], "argument 1 of \(name)() must be a repeat group, not a \(info.type); write \(usage)")
        }
        noteReference(info)
        let outer = scope
        scope = info.path
        defer { scope = outer }
        guard let row = check(args[1]) else { return nil }
        switch name {
        case "any", "all", "count_where":
            guard row.isCondition else {
                return fail(.type, args[1], "argument 2 of \(name)() must be a condition on one row of '\(groupName)', not a \(row); write \(usage)")
            }
            return name == "count_where" ? .number : .bool
        case "sum":
            guard row == .number else {
                return fail(.type, args[1], "argument 2 of sum() must be a number from one row of '\(groupName)', not a \(row); write \(usage)")
            }
            return .number
        default: // min, max
            guard row == .number || row == .date else {
                return fail(.type, args[1], "argument 2 of \(name)() must be a number or a date from one row of '\(groupName)', not a \(row); write \(usage)")
            }
            return row
        }
    }

    /// `prev(${field})`: the same field in the previous row of the repeat group around here.
    mutating func checkPrev(_ node: SyntaxNode) -> ExpressionType? {
        let arg = node.children[0]
        guard case .field(let name) = arg.node else {
            return fail(.type, arg, "prev() takes a field of this repeat row, as in prev(${dose_date})")
        }
        guard let group = scope.last else {
            return fail(.reference, node, "prev(${\(name)}) reads the previous row of a repeat group; use it inside a repeat (a field of the group, or the row condition of any(), all(), ...)")
        }
        switch resolve(name, scope) {
        case .success(let info):
            guard Array(info.path.dropLast()) == scope else {
                return fail(.reference, arg, "prev(${\(name)}) needs a field of the rows of '\(group)', but '\(name)' is outside that repeat; use ${\(name)} itself")
            }
            guard info.type != .group else {
                return fail(.type, arg, "prev() reads one value of the previous row, not the repeat group '\(name)'")
            }
            noteReference(info)
            return info.type
        case .failure(let e):
            errors.append(ExpressionError(e.kind, column: arg.column, e.message))
            return nil
        }
    }

    /// `choice('attribute')`: an attribute of the choice a `choice_filter` is deciding on.
    mutating func checkChoiceAttribute(_ node: SyntaxNode) -> ExpressionType? {
        let arg = node.children[0]
        guard let attributes = choiceAttributes else {
            return fail(.function, node, "choice('...') reads an attribute of the choice being filtered; use it only in a choice_filter")
        }
        guard case .string(let name) = arg.node else {
            return fail(.type, arg, "choice() names the attribute as text, as in choice('min_age')")
        }
        guard let t = attributes[name] else {
            let known = attributes.keys.sorted()
            var msg = "the choices have no attribute '\(name)'"
            if let s = FormNames.suggestion(for: name, among: known) { msg += "; did you mean '\(s)'?" }
            else if known.isEmpty { msg += "; give each choice of the list a key such as min_age: 6" }
            else { msg += "; their attributes are: \(known.joined(separator: ", "))" }
            return fail(.reference, arg, msg)
        }
        return t
    }
}
