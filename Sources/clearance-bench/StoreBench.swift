import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation
import GRDB
import GRDBSQLite

/// The host's storage figures: bulk import through the save path against raw SQLite, durable
/// single-save latency, and person lookup among a million persons.
struct StoreBench {
    let workDir: URL
    let encounters: Int
    let persons: Int

    /// A 15-field declarative module used for the import (numbers, texts, yes/no, a choice).
    static let benchForm = """
    form:
      id: bench
      version: "1"
      title: Benchmark screening
      languages: [en]
    module:
      id: bench
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [nurse]
      result_codes:
        - {code: BENCH-HIGH, meaning: High}
        - {code: BENCH-OK, meaning: Normal}
      rules:
        - {code: BENCH-HIGH, when: "${systolic} >= 140"}
        - {code: BENCH-OK, when: "${systolic} < 140"}
    choices:
      arm:
        - {value: left, label: Left}
        - {value: right, label: Right}
    fields:
      - {name: systolic, type: integer, min: 60, max: 260, unit: mmHg, label: Systolic, required: true}
      - {name: diastolic, type: integer, min: 30, max: 160, unit: mmHg, label: Diastolic, required: true}
      - {name: pulse, type: integer, min: 20, max: 250, label: Pulse, required: true}
      - {name: weight, type: decimal, min: 2, max: 300, unit: kg, label: Weight, required: true}
      - {name: height, type: decimal, min: 0.4, max: 2.5, unit: m, label: Height, required: true}
      - {name: temperature, type: decimal, min: 30, max: 45, label: Temperature, required: true}
      - {name: arm, type: select_one, choices: arm, label: Arm, required: true}
      - {name: smoker, type: yes_no, label: Smoker, required: true}
      - {name: diabetic, type: yes_no, label: Diabetic, required: true}
      - {name: pregnant, type: yes_no, label: Pregnant, required: true}
      - {name: glucose, type: decimal, min: 1, max: 40, label: Glucose, required: true}
      - {name: spo2, type: integer, min: 50, max: 100, label: SpO2, required: true}
      - {name: resp_rate, type: integer, min: 4, max: 80, label: Respiratory rate, required: true}
      - {name: examiner_note, type: text, label: Note, required: true}
      - {name: exam_date, type: date, label: Date, required: true}
    """

    func answers(_ i: Int) -> Answers {
        Answers([
            "systolic": .integer(100 + i % 80), "diastolic": .integer(60 + i % 40), "pulse": .integer(50 + i % 60),
            "weight": .decimal(50 + Double(i % 50)), "height": .decimal(1.5 + Double(i % 40) / 100), "temperature": .decimal(36.5),
            "arm": .choice(i % 2 == 0 ? "left" : "right"), "smoker": .bool(i % 3 == 0), "diabetic": .bool(i % 7 == 0),
            "pregnant": .bool(false), "glucose": .decimal(5.5), "spo2": .integer(97), "resp_rate": .integer(16),
            "examiner_note": .text("routine check \(i)"), "exam_date": .date(LocalDate("2026-11-20")!),
        ])
    }

    func host() throws -> HostEnvironment {
        let file = try FormLoader.load(yaml: StoreBench.benchForm, origin: "bench.yaml")
        let module = DeclarativeModule(form: file.form, spec: file.module!)
        let standard = HostEnvironment.standard()
        return HostEnvironment(registry: ModuleRegistry(modules: standard.registry.modules + [module]), programmes: standard.programmes)
    }

    func service(_ name: String, synchronous: StoreConfiguration.Synchronous) throws -> (ClinicService, Session) {
        let path = workDir.appendingPathComponent(name).path
        for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        var config = StoreConfiguration()
        config.synchronous = synchronous
        let service = try ClinicService(databasePath: path, host: try host(), clock: FixedClock(LocalDate("2026-11-20")!),
                                        passwordHasher: PasswordHasher(iterations: 1_000), configuration: config)
        try service.createFirstAdmin(username: "admin", displayName: "Admin", password: "benchmark-password")
        let admin = try service.signIn(username: "admin", password: "benchmark-password")
        _ = try service.addUser(username: "nurse", displayName: "Nurse", roles: [.nurse, .clerk], registrationNumber: nil, password: "benchmark-password", by: admin)
        return (service, try service.signIn(username: "nurse", password: "benchmark-password"))
    }

    func run() throws -> [Figure] {
        var figures: [Figure] = []
        if encounters > 0 { figures += try importFigures() }
        figures += try saveFigures()
        if persons > 0 { figures += try lookupFigures() }
        return figures
    }

    // MARK: - Bulk import against raw SQLite

    func importFigures() throws -> [Figure] {
        let (service, nurse) = try service("import.sqlite", synchronous: .full)
        // A clinic's shape: each case gets a handful of screenings (five here), not hundreds.
        let casesCount = max(1, encounters / 5)
        var caseIDs: [Int64] = []
        for i in 0..<casesCount {
            let p = try service.addPerson(PersonInput(surname: "Bench\(i)", givenNames: "Person", dateOfBirth: LocalDate("1990-01-01")!, sex: "F",
                                                      nationality: "PHL", documentNumber: "BN\(i)"), by: nurse)
            caseIDs.append(try service.openCase(personID: p.id, programme: "uk-tb", by: nurse).id)
        }
        // The same module five times a case: each after the first replaces the one before
        // (``ImportItem/supersede``), as the pipeline requires.
        let items = (0..<encounters).map { ImportItem(caseID: caseIDs[$0 % casesCount], answers: answers($0), supersede: "bench: screened again") }
        let t0 = now()
        let report = try service.importEncounters(module: "bench", items: items, batchSize: 1000, by: nurse)
        let ours = now() - t0
        precondition(report.saved.count == encounters, "bench import refused \(report.refused.count) items: \(report.refused.first.map { "\($0.issues)" } ?? "")")

        // The same rows, inserted through the raw SQLite C API in the same batches.
        let rows = try service.database.read { db -> (enc: [[DatabaseValue]], obs: [[DatabaseValue]], audit: [[DatabaseValue]]) in
            func all(_ table: String) throws -> [[DatabaseValue]] {
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { r in Array(r.databaseValues) }
            }
            return (try all("encounters"), try all("observations"), try all("audit_log"))
        }
        let baseline = try rawInsert(schemaFrom: service, rows: rows)
        // `audit verify` over the whole database: the chain and every row recomputed.
        let tv = now()
        let audit = try service.verifyAudit()
        let verifySeconds = now() - tv
        precondition(audit.intact, "audit verify found changes in the bench database: \(audit.reason ?? "")")
        return try backupFigures(service) + importFileFigures(service, caseIDs: caseIDs) + [
            Figure(name: "audit_verify_s", value: verifySeconds, unit: "s (\(audit.entries) entries, \(audit.rows) rows)", target: "<= 2"),
            Figure(name: "import_encounters", value: Double(encounters), unit: "encounters x 15 observations"),
            Figure(name: "import_s", value: ours, unit: "s"),
            Figure(name: "import_per_s", value: Double(encounters) / ours, unit: "encounters/s"),
            Figure(name: "sqlite_raw_import_s", value: baseline, unit: "s"),
            Figure(name: "import_ratio_vs_sqlite", value: baseline / ours, unit: "x (raw time / ours)", target: ">= 0.5"),
        ]
    }

    /// Inserts `rows` into an empty copy of the schema with prepared statements, 1000 encounters
    /// (with their observations and audit rows) per transaction, synchronous FULL. Returns seconds.
    func rawInsert(schemaFrom service: ClinicService, rows: (enc: [[DatabaseValue]], obs: [[DatabaseValue]], audit: [[DatabaseValue]])) throws -> Double {
        let path = workDir.appendingPathComponent("raw.sqlite").path
        for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        let schema = try service.database.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'index')")
        }
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK, let db = handle else { throw ServiceError.configuration("cannot open \(path)") }
        defer { sqlite3_close(db) }
        func exec(_ sql: String) { sqlite3_exec(db, sql, nil, nil, nil) }
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF")
        for s in schema { exec(s) }
        func prepare(_ table: String, _ columns: Int) -> OpaquePointer? {
            var stmt: OpaquePointer?
            sqlite3_prepare_v2(db, "INSERT INTO \(table) VALUES (\(Array(repeating: "?", count: columns).joined(separator: ",")))", -1, &stmt, nil)
            return stmt
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        func insert(_ stmt: OpaquePointer?, _ row: [DatabaseValue]) {
            for (i, v) in row.enumerated() {
                let n = Int32(i + 1)
                switch v.storage {
                case .null: sqlite3_bind_null(stmt, n)
                case .int64(let x): sqlite3_bind_int64(stmt, n, x)
                case .double(let x): sqlite3_bind_double(stmt, n, x)
                case .string(let x): sqlite3_bind_text(stmt, n, x, -1, transient)
                case .blob(let x): _ = x.withUnsafeBytes { sqlite3_bind_blob(stmt, n, $0.baseAddress, Int32(x.count), transient) }
                }
            }
            sqlite3_step(stmt); sqlite3_reset(stmt)
        }
        let enc = prepare("encounters", rows.enc.first?.count ?? 0)
        let obs = prepare("observations", rows.obs.first?.count ?? 0)
        let aud = prepare("audit_log", rows.audit.first?.count ?? 0)
        defer { sqlite3_finalize(enc); sqlite3_finalize(obs); sqlite3_finalize(aud) }
        let perEncounter = max(1, rows.obs.count / max(1, rows.enc.count))
        let t0 = now()
        var o = 0, a = 0
        for start in stride(from: 0, to: rows.enc.count, by: 1000) {
            exec("BEGIN")
            for e in start..<min(start + 1000, rows.enc.count) {
                insert(enc, rows.enc[e])
                for _ in 0..<perEncounter where o < rows.obs.count { insert(obs, rows.obs[o]); o += 1 }
                if a < rows.audit.count { insert(aud, rows.audit[a]); a += 1 }
            }
            exec("COMMIT")
        }
        return now() - t0
    }

    // MARK: - Durable single saves

    func saveFigures() throws -> [Figure] {
        let (service, nurse) = try service("save.sqlite", synchronous: .full)
        // A clinic day: 100 cases, each receiving a few screenings.
        var caseIDs: [Int64] = []
        for i in 0..<100 {
            let p = try service.addPerson(PersonInput(surname: "Latency\(i)", givenNames: "Probe", dateOfBirth: LocalDate("1990-01-01")!, sex: "M",
                                                      nationality: "KEN", documentNumber: "LAT\(i)"), by: nurse)
            caseIDs.append(try service.openCase(personID: p.id, programme: "uk-tb", by: nurse).id)
        }
        var samples: [Double] = []
        for i in 0..<300 {
            let t0 = now()
            _ = try service.record(module: "bench", caseID: caseIDs[i % caseIDs.count], answers: answers(i), final: true,
                                   supersede: "bench: screened again", by: nurse)
            samples.append((now() - t0) * 1000)
        }
        let raw = try rawDurableCommits(count: 300)
        return [
            Figure(name: "save_p50_ms", value: quantile(samples, 0.5), unit: "ms", target: ""),
            Figure(name: "save_p99_ms", value: quantile(samples, 0.99), unit: "ms", target: "<= 2"),
            Figure(name: "sqlite_raw_commit_p50_ms", value: quantile(raw, 0.5), unit: "ms (one-row durable commit: the disk's floor)"),
            Figure(name: "sqlite_raw_commit_p99_ms", value: quantile(raw, 0.99), unit: "ms"),
            Figure(name: "save_p50_ratio_vs_raw_commit", value: quantile(raw, 0.5) / quantile(samples, 0.5), unit: "x (raw / ours)"),
        ]
    }

    /// Latency of single-row commits through the raw C API, WAL and synchronous=FULL, in ms.
    func rawDurableCommits(count: Int) throws -> [Double] {
        let path = workDir.appendingPathComponent("raw-commit.sqlite").path
        for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK, let db = handle else { throw ServiceError.configuration("cannot open \(path)") }
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", nil, nil, nil)
        var samples: [Double] = []
        for i in 0..<count {
            let t0 = now()
            sqlite3_exec(db, "INSERT INTO t(v) VALUES ('row \(i)')", nil, nil, nil)
            samples.append((now() - t0) * 1000)
        }
        return samples
    }

    // MARK: - Person lookup among a million

    func lookupFigures() throws -> [Figure] {
        let path = workDir.appendingPathComponent("persons.sqlite").path
        for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) }
        let database = try ClinicDatabase(path: path)
        let t0 = now()
        try database.write { db in _ = try PersonBulkInsert.insertSynthetic(db, count: persons, seed: 7, at: Date()) }
        let loadSeconds = now() - t0
        let probes = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT document_number, surname FROM persons ORDER BY random() LIMIT 500")
                .map { (doc: $0["document_number"] as String, surname: $0["surname"] as String) }
        }
        var byDoc: [Double] = [], byName: [Double] = []
        try database.read { db in
            for p in probes {
                var t = now()
                let d = try PersonSearch.byDocument(db, p.doc, limit: 10)
                byDoc.append((now() - t) * 1000)
                precondition(!d.isEmpty, "document lookup found nothing")
                let prefix = String(p.surname.prefix(4))
                t = now()
                let n = try PersonSearch.byName(db, prefix, limit: 20)
                byName.append((now() - t) * 1000)
                precondition(!n.isEmpty, "name lookup found nothing")
            }
        }
        return [
            Figure(name: "persons", value: Double(persons), unit: "persons"),
            Figure(name: "persons_load_s", value: loadSeconds, unit: "s"),
            Figure(name: "lookup_document_p99_ms", value: quantile(byDoc, 0.99), unit: "ms"),
            Figure(name: "lookup_name_prefix_p99_ms", value: quantile(byName, 0.99), unit: "ms"),
            Figure(name: "lookup_p99_ms", value: max(quantile(byDoc, 0.99), quantile(byName, 0.99)), unit: "ms", target: "<= 1"),
        ]
    }
}
