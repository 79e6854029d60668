import Yams

/// Reading a YAML file into nodes with positions, for every file format of the host.
enum YAMLDocument {
    /// The root node of `yaml`.
    /// - Parameter empty: what to say when the file holds nothing.
    /// - Throws: ``FormLoadError`` with the YAML error at its line and column.
    static func compose(_ yaml: String, origin: String, empty: String) throws -> Node {
        do {
            guard let root = try Yams.compose(yaml: yaml) else {
                throw FormLoadError(problems: [FormProblem(file: origin, line: 1, column: 1, message: empty)])
            }
            return root
        } catch let e as FormLoadError {
            throw e
        } catch let e as YamlError {
            throw FormLoadError(problems: [problem(e, origin: origin)])
        } catch {
            throw FormLoadError(problems: [FormProblem(file: origin, line: 1, column: 1, message: "not readable as YAML: \(error)")])
        }
    }

    /// A YAML error as a problem at its place.
    static func problem(_ e: YamlError, origin: String) -> FormProblem {
        func p(_ mark: Mark, _ problem: String) -> FormProblem {
            FormProblem(file: origin, line: mark.line, column: mark.column,
                        message: "YAML: \(problem); check the indentation and quoting here")
        }
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return p(mark, problem)
        case .duplicatedKeysInMapping(let dups, let context):
            return FormProblem(file: origin, line: context.mark.line, column: context.mark.column,
                               message: "key \(dups.map { "'\($0)'" }.joined(separator: ", ")) appears twice in this mapping; keep one")
        default:
            return FormProblem(file: origin, line: 1, column: 1, message: "not readable as YAML: \(e)")
        }
    }
}
