import ClearanceStore
import ClearanceTestSupport
import GRDB
import Testing

/// Callers map store errors by kind, never by their message text.
@Suite("Store error kinds")
struct StoreErrorKindTests {
    @Test func everyKindHasItsCategory() {
        #expect(StoreError.notFound(entity: "case", id: "9").category == .notFound)
        #expect(StoreError.duplicate(entity: "user", key: "amina").category == .conflict)
        #expect(StoreError.invalidInput(field: "username", reason: "empty").category == .invalidInput)
        #expect(StoreError.invalidInput(field: "username", reason: "empty").field == "username")
        #expect(StoreError.badObservation(id: 3, path: "a", reason: "x").category == .unreadable)
        #expect(StoreError.cannotOpen(path: "/x", reason: "y").category == .cannotOpen)
    }

    @Test func sqliteErrorsKeepTheirKind() {
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")).category == .busy)
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_CONSTRAINT_FOREIGNKEY, message: "FOREIGN KEY constraint failed")).category == .conflict)
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_FULL, message: "disk full")).category == .full)
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_READONLY, message: "attempt to write a readonly database")).category == .readOnly)
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_IOERR_WRITE, message: "disk I/O error")).category == .failed)
        // A message that merely contains "not found" is not a not-found error.
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_ERROR, message: "table not found")).category == .failed)
    }

    @Test func theStoresQueriesAnswer() throws {
        let test = try TestStore()
        #expect(try test.database.read { db in try CaseStore.openCaseIDs(db, limit: 10) } == [])
        #expect(try test.database.read { db in try AuditLog.count(db) } == 0)
        #expect(try test.database.read { db in try AuditLog.attachmentHashes(db) }.isEmpty)
        #expect(throws: StoreError.self) { try test.database.write { db in try PersonStore.setPhoto(db, personID: 99, attachmentID: 1) } }
    }
}
