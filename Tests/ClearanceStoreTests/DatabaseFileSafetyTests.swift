import ClearanceStore
import ClearanceTestSupport
import Foundation
import GRDB
import Testing

/// The permission bits of a file, as `stat` reports them.
func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
}

@Suite("The database file is private and never silently replaced or downgraded")
struct DatabaseFileSafetyTests {
    @Test func newDatabaseWALAndSHMAre0600WhateverTheUmask() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("clinic.sqlite")
        let old = umask(0o022)   // the usual umask would give 0644
        defer { umask(old) }
        let store = try ClinicDatabase(path: path)
        try store.write { db in try ClinicMetadata.set(db, "k", "v") }
        // The pool keeps its connections open, so WAL and SHM exist now.
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(try mode(file) == 0o600, "\(file)")
        }
    }

    @Test func anExistingWorldReadableDatabaseIsNarrowedTo0600() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("clinic.sqlite")
        do { _ = try ClinicDatabase(path: path) }
        #expect(chmod(path, 0o644) == 0)
        _ = try ClinicDatabase(path: path)
        #expect(try mode(path) == 0o600)
    }

    @Test func aDatabaseFromANewerVersionIsRefusedUntouched() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("clinic.sqlite")
        let future = StoreMigration(id: "v99-from-the-future") { db in try db.execute(sql: "CREATE TABLE future (x)") }
        do { _ = try ClinicDatabase(path: path, configuration: StoreConfiguration(migrations: StoreMigration.all + [future])) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try ClinicDatabase(path: path)
            Issue.record("a newer database opened")
        } catch let e as StoreError {
            #expect(e.isNewerSchema)
            #expect(e.description.contains("made by a newer version of Clearance") && e.description.contains("v99-from-the-future"), "\(e)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func demoMarkerIsReadWithoutChangingTheFile() throws {
        let dir = try TemporaryDirectory()
        let demo = dir.path("demo.sqlite"), clinic = dir.path("clinic.sqlite"), text = dir.path("notes.txt")
        do {
            let d = try ClinicDatabase(path: demo)
            try d.write { db in try ClinicMetadata.set(db, ClinicMetadata.purposeKey, ClinicMetadata.demoPurpose) }
            _ = try ClinicDatabase(path: clinic)
        }
        try "not a database".write(toFile: text, atomically: true, encoding: .utf8)
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
        let bytes = try [demo, clinic, text].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(try ClinicMetadata.isDemoDatabase(at: demo))
        #expect(try !ClinicMetadata.isDemoDatabase(at: clinic))
        #expect(try !ClinicMetadata.isDemoDatabase(at: text))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == listing)
        #expect(try [demo, clinic, text].map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == bytes)
    }
}
