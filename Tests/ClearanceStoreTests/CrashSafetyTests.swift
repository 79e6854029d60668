import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Finds the built `clearance-crash-writer`: beside the test bundle (the build products
/// directory), else in the package's `.build/debug/`.
enum CrashWriterBinary {
    static let name = "clearance-crash-writer"

    static var url: URL? {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
        // .../debug/ClearancePackageTests.xctest (Linux: the runner itself) -> .../debug/
        var dir = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent(name))
            dir = dir.deletingLastPathComponent()
        }
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<3 { root = root.deletingLastPathComponent() } // Tests/ClearanceStoreTests/File.swift -> package root
        candidates.append(root.appendingPathComponent(".build/debug/\(name)"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

@Suite struct CrashSafetyTests {
    /// Runs the writer, SIGKILLs it after `seconds`, returns the ids it reported as saved.
    func runAndKill(_ binary: URL, db: String, seconds: Double) throws -> [Int64] {
        let process = Process()
        process.executableURL = binary
        process.arguments = [db, "20"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Only complete lines count: a line cut by the kill was not fully reported.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return lines.compactMap { line in line.hasPrefix("saved ") ? Int64(line.dropFirst(6)) : nil }
    }

    @Test(.enabled(if: CrashWriterBinary.url != nil,
                   "clearance-crash-writer is not built: run `swift build --product clearance-crash-writer` first"))
    func everyReportedSaveSurvivesSIGKILL() throws {
        let binary = try #require(CrashWriterBinary.url)
        let dir = try TemporaryDirectory(prefix: "crash")
        let db = dir.path("clinic.sqlite")
        var reported: [Int64] = []
        for round in 0..<4 {
            let ids = try runAndKill(binary, db: db, seconds: 0.8 + Double(round) * 0.15)
            #expect(!ids.isEmpty, "round \(round): the writer reported no save")
            reported += ids
        }
        let store = try ClinicDatabase(path: db)
        #expect(try store.integrityCheck() == ["ok"])
        let verification = try store.read { db throws in try AuditLog.verify(db) }
        #expect(verification.isIntact, "\(verification)")
        let present = Set(try store.read { db throws in try Int64.fetchAll(db, sql: "SELECT id FROM encounters") })
        let missing = reported.filter { !present.contains($0) }
        #expect(missing.isEmpty, "reported as saved but missing: \(missing.prefix(10))")
        // Every encounter has its audit entry and its observations (one transaction each).
        try store.read { db throws in
            let audited = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity_type = 'encounter'")
            #expect(audited == present.count)
            let orphans = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM encounters e WHERE (SELECT count(*) FROM observations o WHERE o.encounter_id = e.id) != 7
                """)
            #expect(orphans == 0)
            if let last = present.max() {
                let answers = try EncounterStore.answers(db, encounterID: last)
                #expect(answers["specimens"]?.instances.count == 2)
            }
        }
        print("crash test: \(reported.count) saves reported over 4 kills, \(present.count) encounters present")
    }
}
