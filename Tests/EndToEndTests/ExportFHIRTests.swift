import Foundation
import Testing

/// `export fhir` through the binary: Bundles valid R4 by an external validator, codes and values
/// as recorded, confidential modules only for their readers, every export audited.
@Suite("FHIR export (binary)")
struct ExportFHIRTests {
    @Test func bundleCarriesTheRecordsAndPassesTheValidator() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        // Case 3 (Иванова Мария): HIV, audiometry, and a chest X-ray with its image.
        let hivAnswers = try Exchange.template(cli, "hiv")
        let hiv = try Exchange.record(cli, dir: dir, "hiv", caseID: 3, as: "counsellor", hivAnswers)
        var audiometry = try Exchange.template(cli, "audiometry")
        audiometry["right_air_500"] = 25
        audiometry["left_air_4000"] = 40
        try Exchange.record(cli, dir: dir, "audiometry", caseID: 3, as: "audiometrist", audiometry)
        var cxrAnswers = try Exchange.template(cli, "cxr")
        cxrAnswers["image"] = AttachmentEndToEndTests.fixture("rgb8.png")
        let cxr = try Exchange.record(cli, dir: dir, "cxr", caseID: 3, as: "radiologist", cxrAnswers)
        let attachment = try #require(try cli.as("radiologist").run("attachment", "list", "--encounter", String(cxr), "--json").array.first)
        let settings = dir.appendingPathComponent("exchange.yaml")
        try "fhir:\n  code_system_url: https://moh.example.org/fhir/CodeSystem/screening-results\n".write(to: settings, atomically: true, encoding: .utf8)

        let file = dir.appendingPathComponent("case3.json").path
        let r = try cli.as("mo").run("export", "fhir", "--case", "3", "--out", file, "--settings", settings.path, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.object["confidential_modules"] as? [String] == ["hiv"], "\(r.stdout)")
        let check = try Exchange.validate([file])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("ok ") && check.output.contains("Bundle"), "\(check.output)")

        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        #expect(bundle["type"] as? String == "collection")
        #expect(Exchange.isRestricted(bundle), "a Bundle holding HIV results is restricted as a whole")
        let all = Exchange.resources(bundle)
        // Patient: the document and the name in its own script and in Latin letters.
        let patient = try #require(all.first { $0["resourceType"] as? String == "Patient" })
        let identifier = try #require((patient["identifier"] as? [[String: Any]])?.first)
        #expect(identifier["value"] as? String == "FT120456")
        #expect((identifier["assigner"] as? [String: Any])?["display"] as? String == "UKR")
        let families = (patient["name"] as? [[String: Any]] ?? []).compactMap { $0["family"] as? String }
        #expect(families == ["Иванова", "Ivanova"], "\(families)")
        #expect(patient["gender"] as? String == "female")
        // One Encounter per module encounter of the case.
        let caseShow = try cli.as("mo").run("case", "show", "3", "--json")
        let encounterCount = (caseShow.object["encounters"] as? [[String: Any]])?.count ?? -1
        #expect(all.filter { $0["resourceType"] as? String == "Encounter" }.count == encounterCount)

        // Audiometry thresholds under their LOINC codes with UCUM decibels, as recorded.
        func observation(loinc: String) -> [String: Any]? {
            all.first { $0["resourceType"] as? String == "Observation" && Exchange.codes($0).contains("http://loinc.org|\(loinc)") }
        }
        let right500 = try #require(observation(loinc: "89025-1"))
        let quantity = try #require(right500["valueQuantity"] as? [String: Any])
        #expect(quantity["value"] as? Int == 25 && quantity["system"] as? String == "http://unitsofmeasure.org" && quantity["code"] as? String == "dB")
        #expect((observation(loinc: "89022-8")?["valueQuantity"] as? [String: Any])?["value"] as? Int == 40)
        let panel = try #require(observation(loinc: "89015-2"))
        #expect((panel["hasMember"] as? [[String: Any]])?.count ?? 0 >= 10, "\(panel)")

        // HIV: the rapid test result coded 89365-1, restricted; the encounter too.
        let hivResult = try #require(observation(loinc: "89365-1"))
        #expect(Exchange.isRestricted(hivResult))
        let recorded = try #require(hivAnswers["a1_result"] as? String)
        let coded = ((hivResult["valueCodeableConcept"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String
        #expect(coded == recorded)
        let hivEncounter = try #require(all.first { $0["id"] as? String == "encounter-\(hiv)" })
        #expect(Exchange.isRestricted(hivEncounter))

        // Chest X-ray: a DiagnosticReport whose conclusion codes are the recorded result codes in
        // the configured CodeSystem, and the image as Media with its size and SHA-256.
        let report = try #require(all.first { $0["resourceType"] as? String == "DiagnosticReport" })
        let shownCXR = try cli.as("mo").run("encounter", "show", String(cxr), "--json")
        let cxrCodes = try #require(shownCXR.object["result_codes"] as? [String])
        let conclusion = (report["conclusionCode"] as? [[String: Any]] ?? []).compactMap { ($0["coding"] as? [[String: Any]])?.first }
        #expect(conclusion.compactMap { $0["code"] as? String } == cxrCodes && !cxrCodes.isEmpty)
        #expect(conclusion.allSatisfy { $0["system"] as? String == "https://moh.example.org/fhir/CodeSystem/screening-results" })
        let media = try #require(all.first { $0["resourceType"] as? String == "Media" })
        let content = try #require(media["content"] as? [String: Any])
        #expect(content["size"] as? Int == attachment["byte_size"] as? Int && content["contentType"] as? String == "image/png", "\(attachment)")
        let sha = try #require(attachment["sha256"] as? String)
        #expect((media["note"] as? [[String: Any]])?.first?["text"] as? String == "sha256:\(sha)")
        #expect((report["media"] as? [[String: Any]])?.first.map { "\($0)" }?.contains("Media/\(media["id"] ?? "")") == true)
        // The CodeSystem is in the Bundle under the configured URL, with every result code used.
        let codeSystem = try #require(all.first { $0["resourceType"] as? String == "CodeSystem" })
        #expect(codeSystem["url"] as? String == "https://moh.example.org/fhir/CodeSystem/screening-results")
        let concepts = Set((codeSystem["concept"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        #expect(concepts.isSuperset(of: cxrCodes) && concepts.contains("FIT"))
        // The fitness outcome: no decision yet, so the proposal, preliminary.
        let fitness = try #require(all.first { $0["id"] as? String == "fitness-3" })
        #expect(fitness["status"] as? String == "preliminary")

        // The clerk's export of the same case has no trace of HIV and is not restricted.
        let clerkFile = dir.appendingPathComponent("clerk.json").path
        #expect(try cli.run("export", "fhir", "--case", "3", "--out", clerkFile).status == 0)
        #expect(try Exchange.validate([clerkFile]).status == 0)
        let clerkText = try String(contentsOfFile: clerkFile, encoding: .utf8)
        let clerkBundle = try #require(try JSONSerialization.jsonObject(with: Data(clerkText.utf8)) as? [String: Any])
        #expect(!Exchange.isRestricted(clerkBundle))
        #expect(!clerkText.contains("89365-1") && !clerkText.contains("encounter-\(hiv)") && !clerkText.contains("\"hiv\""), "HIV leaked to the clerk")
        // Only the modules a clerk may read: the TB questionnaire. The X-ray (read by radiology,
        // nurses and officers) and HIV are left out, with no DiagnosticReport either.
        #expect(encounterCount >= 3)
        #expect(Exchange.resources(clerkBundle).filter { $0["resourceType"] as? String == "Encounter" }.count == 1)
        #expect(Exchange.resources(clerkBundle).filter { $0["resourceType"] as? String == "DiagnosticReport" }.isEmpty)

        // Every export is audited, naming the confidential module when it was included.
        let audit = try cli.as("admin").run("audit", "log", "--action", "export", "--case", "3", "--json")
        let entries = audit.array.filter { $0["entity"] as? String == "case" }
        #expect(entries.count == 2, "\(audit.stdout)")
        #expect(entries.contains { $0["user"] as? String == "mo" && ($0["detail"] as? String ?? "").contains("hiv") })
        #expect(entries.contains { $0["user"] as? String == "clerk" && !($0["detail"] as? String ?? "").contains("hiv") })

        // An existing file is not replaced without --force; administrators do not export records.
        #expect(try cli.as("mo").run("export", "fhir", "--case", "3", "--out", file).status == 7)
        #expect(try cli.as("mo").run("export", "fhir", "--case", "3", "--out", file, "--force").status == 0)
        #expect(try cli.as("admin").run("export", "fhir", "--case", "3").status == 4)
        #expect(try cli.as("mo").run("export", "fhir", "--case", "99").status == 5)
        #expect(try cli.as("mo").run("export", "fhir").status == 2)
    }

    @Test func sinceWritesOneValidBundlePerCase() throws {
        let (dir, cli) = try demoDatabase(); defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("all.ndjson").path
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let r = try cli.as("nurse").run("export", "fhir", "--since", today, "--out", file, "--json")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        let cases = try cli.as("nurse").run("case", "list", "--json").array.count
        #expect(lines.count == cases && r.object["cases"] as? Int == cases, "\(r.stdout)")
        let check = try Exchange.validate([file])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == cases)
        // The demo's case 1 has its chest X-ray and TB screening, each with its observations.
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Exchange.resources(first).filter { $0["resourceType"] as? String == "Encounter" }.count == 2)
        let none = dir.appendingPathComponent("none.ndjson").path
        #expect(try cli.as("nurse").run("export", "fhir", "--since", "2099-01-01", "--out", none, "--json").object["cases"] as? Int == 0)
        // Without --out the Bundle is standard output, and only the Bundle.
        let piped = try cli.as("nurse").run("export", "fhir", "--case", "1", "--json")
        #expect((piped.json as? [String: Any])?["resourceType"] as? String == "Bundle" && piped.stderr.contains("exported 1 case"), "\(piped.stderr)")
    }
}
