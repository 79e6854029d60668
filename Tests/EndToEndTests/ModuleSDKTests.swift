import Foundation
import Testing

/// `clearance modules new`, `test`, `diff` and `lint` warnings, through the built binary; no database.
@Suite("Module SDK (binary)")
struct ModuleSDKTests {
    let cli = CLI(database: "/nonexistent/never-opened.sqlite")

    @Test func newThenLintThenTest() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try cli.run("modules", "new", "malaria_rdt", "--languages", "en,fr,es", "--directory", dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        let module = dir.appendingPathComponent("malaria_rdt.yaml").path, cases = dir.appendingPathComponent("malaria_rdt.cases.yaml").path
        let lint = try cli.run("modules", "lint", module)
        #expect(lint.status == 0 && lint.stdout == "\(module): ok\n", "\(lint.stdout)")
        let test = try cli.run("modules", "test", module)
        #expect(test.status == 0, "\(test.stdout) \(test.stderr)")
        #expect(test.stdout.hasSuffix("8 passed, 0 failed\n"), "\(test.stdout)")
        let json = try cli.run("modules", "test", module, cases, "--json")
        #expect(json.object["passed"] as? Int == 8 && json.object["failed"] as? Int == 0)

        // A wrong expectation fails the run, naming the case and the difference.
        let text = try String(contentsOfFile: cases, encoding: .utf8)
        try text.replacingOccurrences(of: "expect: {codes: [MALARIA-RDT-REFER]}", with: "expect: {codes: [MALARIA-RDT-NORMAL]}")
            .write(toFile: cases, atomically: true, encoding: .utf8)
        let failed = try cli.run("modules", "test", module, cases)
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("FAIL  two symptoms are referred  (\(cases):13)\n      expected codes [MALARIA-RDT-NORMAL], got [MALARIA-RDT-REFER]"), "\(failed.stdout)")
        #expect(failed.stdout.hasSuffix("6 passed, 2 failed\n"), "\(failed.stdout)")

        // The files are not overwritten.
        #expect(try cli.run("modules", "new", "malaria_rdt", "--directory", dir.path).status == 7)
        #expect(try cli.run("modules", "new", "Malaria", "--directory", dir.path).status == 6)
    }

    @Test func missingAndBrokenFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.run("modules", "new", "rdt", "--directory", dir.path).status == 0)
        let module = dir.appendingPathComponent("rdt.yaml").path
        let missing = try cli.run("modules", "test", module, dir.appendingPathComponent("nope.yaml").path)
        #expect(missing.status == 5 && missing.stderr.contains("no such file"), "\(missing.stderr)")
        let text = try String(contentsOfFile: module, encoding: .utf8)
        try text.replacingOccurrences(of: "type: integer", with: "type: integr").write(toFile: module, atomically: true, encoding: .utf8)
        let broken = try cli.run("modules", "test", module)
        #expect(broken.status == 6 && broken.stderr.contains("did you mean 'integer'?"), "\(broken.stderr)")
    }

    @Test func lintWarnsAboutTranslationsOncePerLanguage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.run("modules", "new", "rdt", "--languages", "en,fr,pt", "--directory", dir.path).status == 0)
        let module = dir.appendingPathComponent("rdt.yaml").path
        let lint = try cli.run("modules", "lint", module)
        #expect(lint.status == 0)
        let lines = lint.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(lint.stdout)")
        #expect(lines.first?.contains(": warning: 32 texts have no 'pt' translation (the first is here)") == true, "\(lint.stdout)")
    }

    @Test func diffGivesTheVerdict() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try cli.run("modules", "new", "rdt", "--directory", dir.path).status == 0)
        let old = dir.appendingPathComponent("rdt.yaml").path, new = dir.appendingPathComponent("rdt-2.yaml").path
        let text = try String(contentsOfFile: old, encoding: .utf8)
        #expect(try cli.run("modules", "diff", old, old).stdout == "identical\n")

        try text.replacingOccurrences(of: "  - name: height_cm\n    type: integer", with: "  - name: height_cm\n    type: decimal")
            .write(toFile: new, atomically: true, encoding: .utf8)
        let bad = try cli.run("modules", "diff", old, new)
        #expect(bad.status == 6)
        #expect(bad.stdout.contains("\(new):9: breaking: the form changed but form.version is still '1'"), "\(bad.stdout)")
        #expect(bad.stdout.contains("breaking: field 'height_cm' changes type from integer to decimal"), "\(bad.stdout)")
        #expect(bad.stdout.hasSuffix("incompatible: 2 breaking changes; \(new) must not replace \(old)\n"), "\(bad.stdout)")

        let v2 = text.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"").replacingOccurrences(of: "version: 0.1.0", with: "version: 0.2.0")
            .replacingOccurrences(of: "    - {value: rash, label: {en: Rash}}\n", with: "")
        try v2.write(toFile: new, atomically: true, encoding: .utf8)
        let ok = try cli.run("modules", "diff", old, new, "--json")
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        #expect(ok.object["compatible"] as? Bool == true)
        #expect((ok.object["changes"] as? [[String: Any]])?.map { $0["severity"] as? String } == ["warning"], "\(ok.stdout)")
        let used = try cli.run("modules", "diff", old, new, "--used", "symptoms=rash")
        #expect(used.status == 6 && used.stdout.contains("breaking: choice 'rash' of field 'symptoms' is removed but stored answers use it"), "\(used.stdout)")
        #expect(try cli.run("modules", "diff", old, dir.appendingPathComponent("none.yaml").path).status == 5)
    }
}
