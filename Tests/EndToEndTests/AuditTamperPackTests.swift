import Foundation
import Testing

/// Tamper evidence over what decides which module code runs and what the database file is
/// (`v15-audit-packs`): pinned module publishers, installed module packs and clinic metadata,
/// tried as an attacker with the sqlite3 shell would (triggers dropped first). `audit verify`
/// names each change and exits 1.
@Suite("Audit tamper evidence: module packs, publishers, clinic metadata (binary, sqlite3 shell)")
struct AuditTamperPackTests {
    @Test func packPublisherAndMetadataChangesBehindTheApplicationsBackAreNamed() throws {
        let (dir, demo) = try demoDatabase()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = demo.environment["CLEARANCE_DB"]!
        let admin = demo.as("admin")

        // A publisher pinned and a pack installed twice (the first row is kept, marked removed),
        // then unsigned files refused: every row of the three tables written by an audited command.
        let folder = try ModulePackTests.packFolder(in: dir)
        let keys = dir.appendingPathComponent("publisher").path
        #expect(try demo.run("modules", "key", "--out", keys).status == 0)
        let packFile = dir.appendingPathComponent("bmi.clearance-pack").path
        let packed = try demo.run("modules", "pack", folder.path, "--key", keys + "/publisher.key", "--version", "1.0.0",
                                  "--publisher", "Nutrition team", "--out", packFile, "--json")
        #expect(packed.status == 0, "\(packed.stderr)")
        let keyID = try #require(packed.object["publisher_key_id"] as? String)
        #expect(try admin.run("modules", "trust", keys + "/publisher.pub", "--name", "Nutrition team").status == 0)
        #expect(try admin.run("modules", "install", packFile).status == 0)
        #expect(try admin.run("modules", "install", packFile).status == 0)
        #expect(try admin.run("modules", "refuse-unsigned").status == 0)
        let active = try sqlite(db, "SELECT id FROM module_pack WHERE removed_at IS NULL")
        let removed = try sqlite(db, "SELECT id FROM module_pack WHERE removed_at IS NOT NULL")
        #expect(!active.isEmpty && !removed.isEmpty && active != removed)

        let clean = try AuditTamperTests.verify(demo, db)
        #expect(clean.status == 0 && clean.findings.isEmpty, "\(clean.out)")
        // The entries name the rows they wrote.
        let contents = try sqlite(db, "SELECT content FROM audit_log WHERE action IN ('module-publisher-pin', 'module-pack-install', 'modules-refuse-unsigned', 'mark-demo') ORDER BY id")
        #expect(contents.contains("module-publisher \(keyID)=") && contents.contains("module-pack \(active)=")
                && contents.contains("module-pack \(removed)=") && contents.contains("clinic-metadata allow_unsigned_modules=")
                && contents.contains("clinic-metadata purpose="), "\(contents)")

        // With the triggers in place the shell changes none of the three tables.
        for sql in ["UPDATE module_pack SET removed_at = NULL WHERE id = \(removed);",
                    "DELETE FROM module_publisher;",
                    "UPDATE clinic_metadata SET value = 'yes' WHERE key = 'allow_unsigned_modules';"] {
            let refused = try AuditTamperTests.shell(try AuditTamperTests.copy(db, to: "refused.sqlite", in: dir), sql)
            #expect(refused.status != 0, "the sqlite3 shell ran \(sql) with the triggers in place")
        }

        // (name, SQL, the finding expected: problem, entity, entity id)
        let attacks: [(String, String, String, String, String?)] = [
            ("pack bundle replaced", "UPDATE module_pack SET bundle = CAST(replace(CAST(bundle AS TEXT), 'Underweight', 'Fine') AS BLOB) WHERE id = \(active);",
             "differs", "module-pack", active),
            ("older pack brought back", "UPDATE module_pack SET removed_at = '2026-01-01T00:00:00.000Z' WHERE id = \(active); UPDATE module_pack SET removed_at = NULL WHERE id = \(removed);",
             "differs", "module-pack", removed),
            ("pack version relabelled", "UPDATE module_pack SET version = '9.9.9' WHERE id = \(active);", "differs", "module-pack", active),
            ("pack inserted", "INSERT INTO module_pack (name, version, publisher_key_id, sha256, bundle, installed_at, installed_by) SELECT 'other', version, publisher_key_id, sha256, bundle, installed_at, installed_by FROM module_pack WHERE id = \(active);",
             "no-entry", "module-pack", nil),
            ("pack deleted", "DELETE FROM module_pack WHERE id = \(removed);", "row-gone", "module-pack", removed),
            ("publisher key replaced", "UPDATE module_publisher SET public_key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' WHERE key_id = '\(keyID)';",
             "differs", "module-publisher", keyID),
            ("publisher renamed", "UPDATE module_publisher SET name = 'Trusted team' WHERE key_id = '\(keyID)';", "differs", "module-publisher", keyID),
            ("publisher inserted", "INSERT INTO module_publisher (key_id, public_key, name, pinned_at, pinned_by) VALUES ('00aa11bb22cc33dd', 'x', 'Mallory', '2026-01-01T00:00:00.000Z', 'admin');",
             "no-entry", "module-publisher", "00aa11bb22cc33dd"),
            ("publisher deleted", "DELETE FROM module_publisher WHERE key_id = '\(keyID)';", "row-gone", "module-publisher", keyID),
            ("unsigned modules allowed", "UPDATE clinic_metadata SET value = 'yes' WHERE key = 'allow_unsigned_modules';",
             "differs", "clinic-metadata", "allow_unsigned_modules"),
            ("demo mark removed", "DELETE FROM clinic_metadata WHERE key = 'purpose';", "row-gone", "clinic-metadata", "purpose"),
            ("metadata inserted", "INSERT INTO clinic_metadata (key, value) VALUES ('retention', 'none');", "no-entry", "clinic-metadata", "retention"),
        ]
        for (n, attack) in attacks.enumerated() {
            let (name, sql, problem, entity, entityID) = attack
            let copy = try AuditTamperTests.copy(db, to: "pack-attack-\(n).sqlite", in: dir)
            try AuditTamperTests.dropTriggers(copy)
            let r = try AuditTamperTests.shell(copy, sql)
            #expect(r.status == 0, "\(name): \(r.err)")
            let found = try AuditTamperTests.verify(demo, copy)
            #expect(found.status == 1, "\(name) passed audit verify: \(found.out)")
            #expect(found.findings.contains { $0["problem"] as? String == problem && $0["entity"] as? String == entity
                    && (entityID == nil || $0["entity_id"] as? String == entityID) }, "\(name): \(found.out)")
        }
    }
}
