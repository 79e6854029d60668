/// Loads form files (YAML) into ``FormSpec``s, checking everything a form can get wrong:
/// structure, field types, duplicate names, choice lists, expression syntax, references,
/// cycles and types. See `docs/FORMS.md`.
///
/// Every problem is reported, not only the first, each as `file:line:col: message` pointing at
/// the YAML node concerned (or at the column inside an expression).
///
/// ```swift
/// let file = try FormLoader.load(yaml: text, origin: "Forms/modules/vision.yaml")
/// FormLoader.lint(yaml: text, origin: "vision.yaml").forEach { print($0) }
/// ```
public enum FormLoader {
    /// Parses and checks a form file.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - origin: its path or name, used in every problem reported.
    /// - Returns: the form and, for a declarative module, its module section.
    /// - Throws: ``FormLoadError`` listing every problem as `file:line:col: message`.
    public static func load(yaml: String, origin: String) throws -> FormFile {
        try FormFileParser(origin: origin, yaml: yaml).run()
    }

    /// Every problem in a form file (empty when it is valid).
    public static func lint(yaml: String, origin: String) -> [FormProblem] { report(yaml: yaml, origin: origin).problems }

    /// Problems (the file does not load) and warnings (it loads, but texts lack translations:
    /// one warning per language, with a count): what `clearance modules lint` prints.
    public static func report(yaml: String, origin: String) -> FormLintReport {
        let parser = FormFileParser(origin: origin, yaml: yaml)
        do {
            let file = try parser.run()
            return FormLintReport(problems: [], warnings: file.warnings)
        } catch let e as FormLoadError {
            return FormLintReport(problems: e.problems, warnings: parser.translationWarnings)
        } catch {
            return FormLintReport(problems: [FormProblem(file: origin, line: 1, column: 1, message: "\(error)")], warnings: [])
        }
    }
}

/// What lint finds in a form file.
public struct FormLintReport: Sendable {
    /// Problems that keep the file from loading, in file order.
    public var problems: [FormProblem]
    /// Things that load but deserve attention (texts lacking a translation), one per language.
    public var warnings: [FormProblem]
    public init(problems: [FormProblem], warnings: [FormProblem]) { self.problems = problems; self.warnings = warnings }
}

/// A loaded form file: the form, and the module section when the file declares a module.
public struct FormFile: Sendable {
    public var form: FormSpec
    /// Present when the file declares a module (`module:` section).
    public var module: DeclarativeModuleSpec?
    /// Texts lacking a translation: one warning per language (see ``FormLoader/report(yaml:origin:)``).
    public var warnings: [FormProblem]
    public init(form: FormSpec, module: DeclarativeModuleSpec?, warnings: [FormProblem] = []) {
        self.form = form; self.module = module; self.warnings = warnings
    }
}

/// The `module:` section of a form file.
public struct DeclarativeModuleSpec: Hashable, Sendable {
    public var manifest: ModuleManifest
    /// `swift` when a compiled module supplies validation and derivation (the built-in forms);
    /// `declarative` when the rules below do.
    public var implementation: String
    /// Result-code rules, applied in order: every rule whose `when` holds adds its code.
    public var rules: [ResultRule]
    /// Codes that mean results are outstanding (no fitness decision while present).
    public var pendingCodes: Set<String>
    public init(manifest: ModuleManifest, implementation: String, rules: [ResultRule], pendingCodes: Set<String> = []) {
        self.manifest = manifest; self.implementation = implementation; self.rules = rules; self.pendingCodes = pendingCodes
    }
}

/// `- code: VIS-REFER  when: "${right_acuity} < 0.5"`.
public struct ResultRule: Hashable, Sendable {
    public var code: String
    public var when: Expression
    public init(code: String, when: Expression) { self.code = code; self.when = when }
}

/// One problem in a form file, printed `file:line:col: message`.
public struct FormProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A form file that did not load, with every problem found.
public struct FormLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [FormProblem]
    public init(problems: [FormProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
