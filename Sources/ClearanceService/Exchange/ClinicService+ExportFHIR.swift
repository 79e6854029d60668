import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Which cases an export covers.
public enum ExportSelection: Sendable, Hashable {
    /// One case.
    case caseID(Int64)
    /// Cases opened, or with an encounter recorded, on or after the date (UTC).
    case since(LocalDate)
}

/// What an export wrote.
public struct ExportReport: Sendable, Hashable, JSONView {
    public var cases: Int
    public var encounters: Int
    /// Confidential modules included for this user (each exported case's entry says which).
    public var confidentialModules: [String]
    public var files: [String] = []

    enum CodingKeys: String, CodingKey { case cases, encounters, confidentialModules = "confidential_modules", files }
}

extension ClinicService {
    /// Exports cases as FHIR R4 Bundles, one per case, each handed to `emit` as compact JSON
    /// (callers write one Bundle, or NDJSON: one per line). Every exported case is audited
    /// (`export`, naming the confidential modules included) before its Bundle is emitted.
    ///
    /// ```swift
    /// let report = try service.exportFHIR(.caseID(3), settings: .init(), by: mo) { print($0) }
    /// ```
    ///
    /// - Parameters:
    ///   - selection: one case, or the cases changed since a date.
    ///   - progress: called after each batch with (cases done, cases in all).
    ///   - emit: receives each Bundle's JSON text.
    /// - Throws: ``ServiceError``: forbidden without the export privilege, not found for an unknown case.
    public func exportFHIR(_ selection: ExportSelection, settings: ExchangeSettings, batchSize: Int = 250, by session: Session,
                           progress: ((Int, Int) -> Void)? = nil, emit: (String) throws -> Void) throws -> ExportReport {
        try session.require(.exportRecords)
        let ids = try exportCaseIDs(selection)
        let builder = FHIRBundleBuilder(settings: settings, registry: host.registry,
                                        readable: { self.mayRead(module: $0, session.roles) })
        var report = ExportReport(cases: 0, encounters: 0, confidentialModules: [])
        var confidential = Set<String>()
        for start in stride(from: 0, to: ids.count, by: max(1, batchSize)) {
            let batch = ids[start..<min(ids.count, start + max(1, batchSize))]
            let cases = try read { db in try batch.map { try exportedCase(db, $0, session: session) } }
            try auditExport(cases, format: "fhir", session: session)
            let stamp = timestamp
            for c in cases {
                try emit(builder.bundle(c, timestamp: stamp).serialized())
                report.cases += 1
                report.encounters += c.encounters.count
                confidential.formUnion(c.confidentialModules)
            }
            progress?(report.cases, ids.count)
        }
        report.confidentialModules = confidential.sorted()
        return report
    }

    /// The case ids a selection names, checked.
    func exportCaseIDs(_ selection: ExportSelection) throws -> [Int64] {
        try read { db in
            switch selection {
            case .caseID(let id):
                _ = try requireCase(db, id)
                return [id]
            case .since(let date):
                return try ExchangeQueries.caseIDs(db, changedSince: date.description)
            }
        }
    }
}
