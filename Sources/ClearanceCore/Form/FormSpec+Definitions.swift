// MARK: - Field definitions and name resolution

extension FormSpec {
    /// The field declared at a definition path (names only, no repeat indices): `["specimens", "smear"]`.
    func definition(_ path: [String]) -> Field? {
        var level = fields
        var found: Field?
        for name in path {
            guard let f = level.first(where: { $0.name == name }) else { return nil }
            found = f
            level = f.fields
        }
        return found
    }

    /// The fields declared directly inside `path` (the top level for an empty path).
    func level(_ path: [String]) -> [Field] {
        path.isEmpty ? fields : (definition(path)?.fields ?? [])
    }

    /// Where `${name}` points when used inside the repeat group at `scope`: the innermost
    /// enclosing level that declares `name`, out to the top level.
    /// - Returns: the definition path, or nil when no visible level declares it.
    func resolve(_ name: String, scope: [String]) -> [String]? {
        var k = scope.count
        while k >= 0 {
            let prefix = Array(scope.prefix(k))
            if level(prefix).contains(where: { $0.name == name }) { return prefix + [name] }
            k -= 1
        }
        return nil
    }

    /// The definition paths an expression written at `scope` reads. Row functions
    /// (`sum(${doses}, ${amount})`) read their group and, row by row, what their second argument
    /// reads. `prev(${x})` of the field `owner` itself reads an earlier row, already worked out,
    /// so it is no dependency (`prev(${total}) + ${amount}` keeps a running total).
    func dependencies(of node: ExpressionNode, scope: [String], owner: [String]?) -> [[String]] {
        var out: [[String]] = []
        func add(_ d: [String]?) { if let d, !out.contains(d) { out.append(d) } }
        func walk(_ n: ExpressionNode, _ scope: [String]) {
            switch n {
            case .field(let name): add(resolve(name, scope: scope))
            case .current, .string, .number, .bool: break
            case .unary(_, let a): walk(a, scope)
            case .binary(_, let a, let b): walk(a, scope); walk(b, scope)
            case .call("prev", let args):
                if case .field(let name)? = args.first, let d = resolve(name, scope: scope) {
                    if d != owner { add(d) }
                } else { args.forEach { walk($0, scope) } }
            case .call(let name, let args):
                if let group = rowGroup(name, args, scope: scope) {
                    add(group)
                    walk(args[1], group)
                } else {
                    args.forEach { walk($0, scope) }
                }
            }
        }
        walk(node, scope)
        return out
    }

    /// The definition path of the repeat group a row function call (`any(${doses}, ...)`,
    /// `min(${doses}, ...)`) iterates, or nil when the call is not one.
    func rowGroup(_ name: String, _ args: [ExpressionNode], scope: [String]) -> [String]? {
        guard args.count == 2, ExpressionFunction.rowFunctions.contains(name) || name == "min" || name == "max",
              case .field(let g) = args[0], let d = resolve(g, scope: scope), definition(d)?.type == .repeatGroup else { return nil }
        return d
    }

    /// Every field with its definition path, depth first in form order.
    var definitionPaths: [(path: [String], field: Field)] {
        func walk(_ fs: [Field], _ prefix: [String]) -> [([String], Field)] {
            fs.flatMap { f in [(prefix + [f.name], f)] + walk(f.fields, prefix + [f.name]) }
        }
        return walk(fields, []).map { (path: $0.0, field: $0.1) }
    }
}

/// The order in which calculations and relevance are worked out: each field after the fields
/// its `calculate` and `relevant` read and after its repeat group; plus any cycles.
struct FormGraph {
    /// Definition paths, dependencies first.
    private(set) var order: [[String]] = []
    /// Each cycle as the list of fields around it (first field repeated at the end).
    private(set) var cycles: [[[String]]] = []

    init(form: FormSpec) {
        var edges: [[String]: [[String]]] = [:]
        let defs = form.definitionPaths
        for (path, f) in defs {
            let scope = Array(path.dropLast())
            var deps: [[String]] = scope.isEmpty ? [] : [scope]
            for e in [f.relevant, f.calculate].compactMap({ $0 }) {
                for d in form.dependencies(of: e.root, scope: scope, owner: path) where !deps.contains(d) { deps.append(d) }
            }
            edges[path] = deps
        }
        var state: [[String]: Int] = [:]   // 1 visiting, 2 done
        var stack: [[String]] = []
        var seenCycles: Set<Set<[String]>> = []
        func visit(_ p: [String]) {
            if state[p] == 2 { return }
            if state[p] == 1 {
                if let i = stack.firstIndex(of: p) {
                    let cycle = Array(stack[i...]) + [p]
                    if seenCycles.insert(Set(cycle)).inserted { cycles.append(cycle) }
                }
                return
            }
            state[p] = 1
            stack.append(p)
            for d in edges[p] ?? [] { visit(d) }
            stack.removeLast()
            state[p] = 2
            order.append(p)
        }
        for (path, _) in defs { visit(path) }
    }
}
