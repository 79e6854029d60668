import Yams

/// A quick look at a form file's `module:` section, before loading it: whether the file is a
/// declarative module at all, and where its id and host API range are written (for refusals).
struct DeclarativeHeader {
    var idLine = 1, idColumn = 1
    var hostAPILine = 1, hostAPIColumn = 1

    /// Nil when the file has no `module:` section or says `implementation: swift`. A file that
    /// is not valid YAML, or whose module section is malformed, counts as declarative so that
    /// its problems are reported.
    init?(yaml: String) {
        guard let root = try? Yams.compose(yaml: yaml) else { return }
        guard case .mapping(let top) = root else { return }
        guard let module = top["module"] else { return nil }
        guard case .mapping(let m) = module else { return }
        if m["implementation"]?.scalar?.string == "swift" { return nil }
        if let mark = m["id"]?.mark { idLine = mark.line; idColumn = mark.column }
        if let mark = m["host_api"]?.mark { hostAPILine = mark.line; hostAPIColumn = mark.column }
    }
}
