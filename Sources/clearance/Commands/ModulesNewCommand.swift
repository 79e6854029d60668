import ArgumentParser
import ClearanceCore
import Foundation

/// `clearance modules new ID`: a new declarative module and its test cases, ready to lint and test.
struct ModulesNew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new",
        abstract: "Write a new declarative module (ID.yaml, every field type, rules) and its test cases (ID.cases.yaml).",
        discussion: "The files lint clean and their cases pass: `clearance modules test ID.yaml`. Exit 6 for a bad id or language, 7 when a file exists.")
    @Argument(help: "Module id: lowercase letters, digits, '-' and '_'.") var id: String
    @Option(name: .long, help: "Languages of the texts, comma-separated (English is always included; en, fr and es are written, others left to translate).")
    var languages: String = "en"
    @Option(name: .long, help: "Directory to write the two files into.") var directory: String = "."

    func run() throws {
        let scaffold: ModuleScaffold
        do {
            scaffold = try ModuleScaffold(id: id, languages: languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        } catch let e as ModuleScaffold.Problem {
            Output.error("error: \(e)"); throw ExitCode(6)
        }
        let dir = URL(fileURLWithPath: directory)
        let files = [(scaffold.moduleFileName, scaffold.moduleFile), (scaffold.casesFileName, scaffold.casesFile)]
        for (name, _) in files where FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path) {
            Output.error("error: \(dir.appendingPathComponent(name).path) exists; choose another id or --directory, or remove the file")
            throw ExitCode(7)
        }
        for (name, text) in files {
            do { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
            catch { Output.error("error: cannot write \(dir.appendingPathComponent(name).path): \(error.localizedDescription)"); throw ExitCode(1) }
            print("wrote \(dir.appendingPathComponent(name).path)")
        }
        print("next: clearance modules lint \(scaffold.moduleFileName) && clearance modules test \(scaffold.moduleFileName)")
    }
}
