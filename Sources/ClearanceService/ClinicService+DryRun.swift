import ClearanceStore
import Foundation

extension ClinicService {
    /// Whether writes on this task are rolled back (inside ``dryRun(_:)``).
    @TaskLocal static var rollingBack = false

    /// Runs `body` with every write of this service checked and performed in its transaction,
    /// then rolled back: what a command would save, with its result codes and warnings, and
    /// nothing saved (`record --dry-run`). Audit entries are rolled back with the rest.
    ///
    /// ```swift
    /// let wouldBe = try service.dryRun { try service.record(module: "bmi", caseID: 3, json: answers, by: nurse) }
    /// ```
    public func dryRun<T>(_ body: () throws -> T) rethrows -> T {
        try Self.$rollingBack.withValue(true) { try body() }
    }
}
