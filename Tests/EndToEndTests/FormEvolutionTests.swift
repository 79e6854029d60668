import Foundation
import Testing

/// A module's form changed under stored answers, through the binary: a breaking change is
/// refused when the host loads it against the versions stored in the database, and an
/// encounter recorded with an older version is corrected against that version's own form.
@Suite("Form evolution against stored data (binary)")
struct FormEvolutionTests {
    static let v1 = ModulePackTests.bmi
        .replacingOccurrences(of: "fields:\n", with: """
        choices:
          methods:
            - {value: scale, label: Scale}
            - {value: reported, label: Reported}
        fields:
          - {name: method, type: select_one, label: Method, choices: methods}

        """)

    @Test func aBreakingFormIsRefusedAndAnOldEncounterIsCorrectedAgainstItsOwnForm() throws {
        let (dir, demo) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let modules = dir.appendingPathComponent("modules")
        try FileManager.default.createDirectory(at: modules, withIntermediateDirectories: true)
        let file = modules.appendingPathComponent("bmi.yaml")
        try Self.v1.write(to: file, atomically: true, encoding: .utf8)
        var nurse = demo.as("nurse")
        nurse.environment["CLEARANCE_MODULES_PATH"] = modules.path
        let first = try nurse.run(["record", "bmi", "--case", "1", "--answers", "-", "--json"],
                                  stdin: #"{"weight_kg": 50, "height_m": 1.8, "method": "scale"}"#)
        #expect(first.status == 0, "\(first.stderr)")
        let encounter = try #require(first.object["encounter"] as? Int)

        // Changed without a new version, and a used choice removed: refused, both named.
        try Self.v1.replacingOccurrences(of: "{value: scale, label: Scale}", with: "{value: measured, label: Measured}")
            .write(to: file, atomically: true, encoding: .utf8)
        let listed = try nurse.run("modules", "list", "--json")
        #expect(!listed.array.contains { $0["id"] as? String == "bmi" }, "\(listed.stdout)")
        #expect(listed.stderr.contains("would break answers stored in this database")
                && listed.stderr.contains("form.version is still '1'") && listed.stderr.contains("'scale'"), "\(listed.stderr)")
        #expect(try nurse.run(["record", "bmi", "--case", "1", "--answers", "-"], stdin: #"{"weight_kg": 50, "height_m": 1.8}"#).status == 5)

        // Version 2 adds a required field and keeps the choices: it loads.
        let v2 = Self.v1.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
            .replacingOccurrences(of: "  - {name: height_m,", with: "  - {name: waist_cm, type: decimal, label: Waist, min: 30, max: 200, required: true}\n  - {name: height_m,")
        try v2.write(to: file, atomically: true, encoding: .utf8)
        let again = try nurse.run("modules", "list", "--json")
        #expect(again.array.contains { $0["id"] as? String == "bmi" }, "\(again.stderr)")

        // The version-1 encounter is corrected against version 1: no waist asked for, its rules derive.
        let corrected = try nurse.run("encounter", "correct", String(encounter), "--set", "weight_kg=80", "--reason", "scale misread", "--json")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        #expect(corrected.object["result_codes"] as? [String] == ["BMI-OK"], "\(corrected.stdout)")
        let unknown = try nurse.run("encounter", "correct", String(encounter), "--set", "waist_cm=80", "--reason", "r")
        #expect(unknown.status == 6 && unknown.stderr.contains("waist_cm"), "a field of the newer form is not one of this encounter's: \(unknown.stderr)")
        let shown = try nurse.run("encounter", "show", String(encounter), "--json")
        #expect(shown.object["form_version"] as? String == "1", "\(shown.stdout)")
    }
}
