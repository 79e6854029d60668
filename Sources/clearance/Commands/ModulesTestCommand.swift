import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance modules test FILE [CASES]`: runs a module's test cases with no database, through
/// the same checks and derivation as a recording.
struct ModulesTest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test",
        abstract: "Run a module's test cases (answers, person, date, parameters, other results -> issues and codes) with no database.",
        discussion: """
        CASES defaults to FILE with .yaml replaced by .cases.yaml. A file without a module section runs against the compiled module
        of the same id. Prints each failing case with what differs, then `N passed, M failed`.
        Exit 0 all passed, 1 a case failed, 5 a file is missing, 6 a file does not load.
        """)
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The module's form file (YAML).") var file: String
    @Argument(help: "The test cases (YAML).") var cases: String?

    func run() throws {
        let casesPath = cases ?? (file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file) + ".cases.yaml"
        let moduleText = try read(file), casesText = try read(casesPath)
        let module: any ScreeningModule
        let suite: ModuleTestFile
        do {
            let loaded = try FormLoader.load(yaml: moduleText, origin: file)
            if let spec = loaded.module, spec.implementation == "declarative" {
                module = DeclarativeModule(form: loaded.form, spec: spec)
            } else if let compiled = ClearanceCLI.host().registry.module(loaded.form.id), compiled.source == .builtin {
                if compiled.form.hash != loaded.form.hash {
                    Output.error("note: \(file) differs from the form compiled into this host; the cases run against the compiled module and its form")
                }
                module = compiled
            } else {
                Output.error("\(file):1:1: the file has no declarative module section and no compiled module has id '\(loaded.form.id)'; add module: (see docs/FORMS.md)")
                throw ExitCode(6)
            }
            suite = try ModuleTestFile.load(yaml: casesText, origin: casesPath)
        } catch let e as FormLoadError {
            for p in e.problems { Output.error(p.description) }
            throw ExitCode(6)
        }
        if let named = suite.module, named != module.manifest.id {
            Output.error("\(casesPath):1:1: the cases are for module '\(named)', but \(file) is module '\(module.manifest.id)'")
            throw ExitCode(6)
        }
        let results = ModuleTestRunner.run(suite, module: module, today: LocalDate(Date()))
        let failed = results.filter { !$0.passed }
        if options.json {
            Output.json(ModuleTestReportView(module: module.manifest.id, results: results))
        } else {
            for r in results {
                print("\(r.passed ? "pass" : "FAIL")  \(r.name)\(r.passed ? "" : "  (\(casesPath):\(r.line))")")
                for d in r.differences { print("      \(d)") }
            }
            print("\(results.count - failed.count) passed, \(failed.count) failed")
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    private func read(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            let hint = path != file && cases == nil ? "; give the test cases file as the second argument, or write this one (docs/FORMS.md, \"Starting and testing a module\")" : ""
            Output.error("error: no such file: \(path)\(hint)")
            throw ExitCode(5)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Output.error("error: cannot read \(path) as UTF-8 text"); throw ExitCode(5)
        }
        return text
    }
}
