import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance modules ...`: the protocol table. Needs no database or sign-in.
struct ModulesCommand: ParsableCommand {
    /// The host as the clinic database (--db, CLEARANCE_DB or the default, when that file
    /// exists) has it: its signed packs, and unsigned files only where its administrator
    /// allowed them. With no database file, unsigned files are listed as refused.
    static func host(_ options: GlobalOptions) throws -> HostEnvironment {
        guard FileManager.default.fileExists(atPath: options.databasePath) else { return ClearanceCLI.host() }
        return ClearanceCLI.host(for: try ClinicService.openDatabase(options.databasePath))
    }

    static let configuration = CommandConfiguration(commandName: "modules", abstract: "List, show, lint, template, create, test and compare screening modules.",
                                                    subcommands: [List.self, Show.self, Lint.self, Template.self,
                                                                  ModulesNew.self,
                                                                  ModulesTest.self,
                                                                  ModulesDiff.self,
                                                                  ModulesKey.self, ModulesPack.self, ModulesTrust.self, ModulesUntrust.self,
                                                                  ModulesPublishers.self, ModulesInstall.self, ModulesUninstall.self, ModulesPacks.self,
                                                                  ModulesAllowUnsigned.self, ModulesRefuseUnsigned.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List installed modules (built-in and declarative) and any refused module files.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try guarded(json: options.json) {
                let host = try ModulesCommand.host(options)
                let listing = ModuleListingEntry.all(host, language: options.lang)
                if options.json {
                    Output.json(listing)
                } else {
                    Output.table(["ID", "VERSION", "SOURCE", "FORM", "PUBLISHER", "TITLE", "FILE"],
                                 listing.compactMap { e in e.module.map { m in
                                     [m.id, m.version, m.source, m.formVersion, e.publisher ?? "unsigned", m.title, e.file] } })
                }
                for p in host.registry.refused { Output.error("refused: \(p)") }
                for p in host.programmes.refused { Output.error("refused rule pack: \(p)") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a module: manifest, result codes and fields.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Module id.") var module: String
        func run() throws {
            try guarded(json: options.json) {
                let m = try ModulesCommand.host(options).module(module)
                let man = m.manifest
                if options.json {
                    Output.json(ModuleView(m, full: true, language: options.lang))
                } else {
                    print("\(man.id) \(man.version) (\(m.source.rawValue)): \(man.title.text(options.lang))")
                    print("host API \(man.hostAPI); form version \(m.form.version), hash \(m.form.hash.prefix(16))")
                    print("recorded by: \(man.recordRoles.map(\.rawValue).sorted().joined(separator: ", "))")
                    if let r = man.readRoles { print("read by: \(r.map(\.rawValue).sorted().joined(separator: ", "))\(man.confidential ? " (confidential: every read audited)" : "")") }
                    print("images taken: \(man.acceptedAttachmentKinds.joined(separator: ", "))")
                    if !man.programmeSettings.isEmpty { print("programme settings read: \(man.programmeSettings.joined(separator: ", "))") }
                    for f in man.facts { print("fact for other modules: \(f.name) (\(f.meaning.text(options.lang))) when \(f.whenCodes.joined(separator: ", "))") }
                    // Columns as wide as their longest entry: names are never cut.
                    print("\nResult codes:")
                    Output.table(["CODE", "MEANING"], man.resultCodes.map {
                        [$0.code, $0.meaning.text(options.lang) + (man.notDoneCodes.contains($0.code) ? " (not done)" : "")]
                    })
                    if let params = man.parameters, !params.isEmpty {
                        print("\nRule pack parameters:")
                        Output.table(["PARAMETER", "MEANING"], params.map { [$0.name, $0.meaning] })
                    }
                    print("\nFields:")
                    Output.table(["FIELD", "TYPE", "LABEL"], m.form.allFields.map { [$0.name, $0.type.rawValue, $0.label.text(options.lang)] })
                }
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check form files: every problem as FILE:LINE:COL: message; non-zero exit when any.")
        @Argument(help: "Form files (YAML).") var files: [String]
        func run() throws {
            var problems = 0
            for file in files {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    Output.error("\(file):1:1: cannot read the file"); problems += 1; continue
                }
                let found: [FormProblem]
                var warnings: [FormProblem] = []
                if text.contains("\nprogramme:") || text.hasPrefix("programme:") {
                    do { _ = try RulePack.load(yaml: text, origin: file, checkedAgainst: HostEnvironment.standard().registry); found = [] }
                    catch let e as FormLoadError { found = e.problems }
                } else {
                    (found, warnings) = { let r = FormLoader.report(yaml: text, origin: file); return (r.problems, r.warnings) }()
                }
                for p in found { print(p.description) }
                for w in warnings { print("\(w.file):\(w.line):\(w.column): warning: \(w.message)") }
                problems += found.count
                if found.isEmpty { print("\(file): ok") }
            }
            if problems > 0 { throw ExitCode(1) }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a complete, valid answers document for a module: the starting point for scripted imports.")
        @Argument(help: "Module id.") var module: String
        func run() throws {
            try guarded(json: true) {
                Output.json(AnyJSON(try ClearanceCLI.host().answersTemplate(for: module, today: LocalDate(Date()))))
            }
        }
    }
}

/// `clearance programmes ...`: rule packs.
struct ProgrammesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "programmes", abstract: "List and show programme rule packs.",
                                                    subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List programme rule packs.")
        @OptionGroup var options: GlobalOptions
        func run() throws {
            try guarded(json: options.json) {
                let host = try ModulesCommand.host(options)
                let packs = host.programmes.packs
                if options.json {
                    Output.json(packs.map { RulePackView($0, full: false, language: options.lang) })
                } else {
                    Output.table(["ID", "VERSION", "DESTINATION", "REQUIRES", "TITLE"],
                                 packs.map { [$0.id, $0.version, $0.destination, $0.requirements.map(\.module).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ","), $0.title.text(options.lang)] })
                }
                for p in host.programmes.refused { Output.error("refused: \(p)") }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a rule pack: required modules, outcome rules, validity.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Programme id.") var id: String
        func run() throws {
            try guarded(json: options.json) {
                let p = try ModulesCommand.host(options).programmes.require(id)
                if options.json {
                    Output.json(RulePackView(p, full: true, language: options.lang))
                } else {
                    print("\(p.id) \(p.version): \(p.title.text(options.lang)) -> \(p.destination)")
                    print("Requires:")
                    for r in p.requirements {
                        var when: [String] = []
                        if let a = r.minAge { when.append("age >= \(a)") }; if let a = r.maxAge { when.append("age <= \(a)") }; if let s = r.sex { when.append("sex \(s)") }
                        print("  \(r.module)\(when.isEmpty ? "" : " (" + when.joined(separator: ", ") + ")")")
                    }
                    print("Outcome rules:")
                    for o in p.outcomes { print("  \(o.decision.label.padding(toLength: 20, withPad: " ", startingAt: 0)) \(o.codes.joined(separator: ", ")): \(o.reason.text(options.lang))") }
                    let v = p.validity
                    print("Certificate valid \(v.months > 0 ? "\(v.months) months" : "")\(v.days > 0 ? " \(v.days) days" : "") from \(v.anchorModule.map { "the \($0) date" } ?? "the issue date")")
                }
            }
        }
    }
}
