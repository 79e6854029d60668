// clearance-crash-writer DBPATH [MAX_SECONDS]
//
// Saves encounters (observations + audit entry, one transaction each) in a loop through the
// store's API and prints `saved <encounter id>` after each commit returns, flushing stdout.
// The store's kill test runs it, SIGKILLs it at a random moment and then checks that every
// reported id is in the file, the file is sound and the audit chain verifies.
// Stops by itself after MAX_SECONDS (default 30).
import ClearanceCore
import ClearanceStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: clearance-crash-writer DBPATH [MAX_SECONDS]\n".utf8))
    exit(2)
}
let maxSeconds = args.count >= 3 ? (Double(args[2]) ?? 30) : 30

do {
    let store = try ClinicDatabase(path: args[1])
    let form = FormSpec(id: "crash", version: "1", title: "Crash test", fields: [], source: "form: {id: crash, version: '1'}\n")
    let caseID: Int64 = try store.write { db in
        let now = Date()
        try FormVersionStore.register(db, form: form, moduleVersion: "1.0.0", at: now)
        if let existing = try PersonSearch.byDocument(db, "CRASH-1").first, let pid = existing.id,
           let c = try CaseStore.cases(db, personID: pid).first, let cid = c.id {
            return cid
        }
        var person = PersonRecord(surname: "Müller", givenNames: "Zoë", dateOfBirth: "1990-02-28", sex: .female,
                                  nationality: "SOM", documentType: .passport, documentNumber: "CRASH-1",
                                  createdAt: StoreTimestamp.string(from: now), createdBy: "crash")
        let pid = try PersonStore.insert(db, &person)
        var c = CaseRecord(personId: pid, programme: "us-panel", purpose: "resettlement", site: "T1",
                           openedAt: StoreTimestamp.string(from: now), openedBy: "crash")
        return try CaseStore.insert(db, &c)
    }
    let start = Date()
    var n = 0
    while Date().timeIntervalSince(start) < maxSeconds {
        n += 1
        let now = Date()
        var answers = Answers()
        answers["cough_2w"] = .bool(n % 2 == 0)
        answers["induration_mm"] = .integer(n % 40)
        answers["note"] = .text("save \(n) — ünïcødé")
        answers["specimens"] = .group([Answers(["smear": .choice("negative"), "volume_ml": .decimal(2.5)]),
                                       Answers(["smear": .choice("positive")])])
        let id: Int64 = try store.write { db in
            var e = try EncounterRecord(caseId: caseID, moduleId: "crash", moduleVersion: "1.0.0", formVersion: "1",
                                        formHash: form.hash, status: .final, recordedBy: "crash",
                                        recordedAt: StoreTimestamp.string(from: now),
                                        derivation: Derivation(resultCodes: ["TB-NONE"]))
            let id = try EncounterStore.insert(db, &e, answers: answers)
            try AuditLog.append(db, AuditEvent(username: "crash", action: .create, entityType: "encounter",
                                               entityID: "\(id)", detail: ["n": "\(n)"]), at: now)
            return id
        }
        print("saved \(id)")
        fflush(stdout)
    }
} catch {
    FileHandle.standardError.write(Data("clearance-crash-writer: \(error)\n".utf8))
    exit(1)
}
