import ClearanceCore
import ClearanceStore
import Foundation

/// Counts of screened cases with no person in them, suppressed for publication.
///
/// Rows are the combinations of every `by` dimension but the last; columns are the values of the
/// last. What is counted: each case with a final encounter in the period (its latest of each
/// module), once; with `result` among the dimensions, each result code of such an encounter,
/// so that a case with two codes counts under both. Result codes of a confidential module
/// (HIV) are counted only for users who may read it.
public struct AggregateReport: Sendable {
    public var period: AggregatePeriod
    public var dimensions: [AggregateDimension]
    /// Values of the row dimensions, one array per row.
    public var rowKeys: [[String]]
    /// Values of the column dimension.
    public var columns: [String]
    public var table: SmallCellSuppression
    /// Confidential modules counted for this user.
    public var confidentialModules: [String]

    public var rowDimensions: [AggregateDimension] { Array(dimensions.dropLast()) }
    public var columnDimension: AggregateDimension { dimensions.last ?? .result }

    /// The report as rows of text: dimension values, one cell per column, the row total; then the totals row.
    public func grid() -> (header: [String], rows: [[String]]) {
        let header = rowDimensions.map(\.rawValue) + columns.map { "\(columnDimension.rawValue)=\($0)" } + ["total"]
        var rows: [[String]] = []
        for (r, key) in rowKeys.enumerated() {
            rows.append(key + (0...columns.count).map { table.published(row: r, column: $0) })
        }
        rows.append(rowDimensions.map { _ in "total" } + (0...columns.count).map { table.published(row: rowKeys.count, column: $0) })
        if rowDimensions.isEmpty { rows.removeLast() }   // one row: it is the totals row
        return (header, rows)
    }
}

extension ClinicService {
    /// Aggregate counts for the period by the given dimensions, suppressed with
    /// ``SmallCellSuppression`` at the settings' threshold.
    ///
    /// - Throws: ``ServiceError``: invalid dimensions (none, repeated).
    public func aggregateReport(period: AggregatePeriod, by dimensions: [AggregateDimension], settings: ExchangeSettings,
                                session: Session) throws -> AggregateReport {
        try session.require(.findPersons)
        guard !dimensions.isEmpty else { throw ServiceError.invalid(field: "by", "name at least one of \(AggregateDimension.allCases.map(\.rawValue).joined(separator: ", "))") }
        guard Set(dimensions).count == dimensions.count else { throw ServiceError.invalid(field: "by", "a dimension is named twice") }
        let rows = try read { db in
            try ExchangeQueries.countedEncounters(db, from: period.first.description, before: period.end.description)
        }
        var confidential = Set<String>()
        // (case, result) pairs, or cases: each with its dimension values.
        var units: [String: [AggregateDimension: String]] = [:]
        for e in rows {
            guard let manifest = host.registry.module(e.moduleID)?.manifest else { continue }   // unknown modules fail closed
            if !mayRead(module: e.moduleID, session.roles) { continue }
            if manifest.confidential { confidential.insert(e.moduleID) }
            let day = LocalDate(String(e.recordedAt.prefix(10))) ?? period.first
            let age = (LocalDate(e.dateOfBirth) ?? day).age(on: day)
            var values: [AggregateDimension: String] = [.programme: e.programme, .clinic: e.site, .sex: e.sex, .ageBand: settings.ageBand(age)]
            if dimensions.contains(.result) {
                let codes = (try? ValueCoding.decodeCodes(e.resultCodes)) ?? []
                for code in codes.isEmpty ? ["(none)"] : codes {
                    values[.result] = code
                    units["\(e.caseID)/\(code)"] = values
                }
            } else if units["\(e.caseID)"] == nil {
                units["\(e.caseID)"] = values
            }
        }
        let rowDims = Array(dimensions.dropLast()), colDim = dimensions.last!
        var counts: [[String]: [String: Int]] = [:]
        var columnSet = Set<String>()
        for values in units.values {
            let key = rowDims.map { values[$0] ?? "" }
            let column = values[colDim] ?? ""
            counts[key, default: [:]][column, default: 0] += 1
            columnSet.insert(column)
        }
        var columns = columnSet.sorted()
        if colDim == .ageBand { columns = settings.ageBands.map { settings.ageBand($0) }.filter(columnSet.contains) }
        // Age bands in age order, everything else alphabetically.
        let bandOrder = Dictionary(uniqueKeysWithValues: settings.ageBands.enumerated().map { (settings.ageBand($1), $0) })
        func sortKey(_ key: [String]) -> [String] {
            zip(rowDims, key).map { d, v in d == .ageBand ? String(format: "%04d", bandOrder[v] ?? 9999) : v }
        }
        var rowKeys = counts.keys.sorted { sortKey($0).lexicographicallyPrecedes(sortKey($1)) }
        if rowDims.isEmpty { rowKeys = [[]] }
        let matrix = rowKeys.map { key in columns.map { counts[key]?[$0] ?? 0 } }
        let table = SmallCellSuppression(counts: matrix.isEmpty ? [[]] : matrix, threshold: settings.smallCellThreshold)
        return AggregateReport(period: period, dimensions: dimensions, rowKeys: rowKeys, columns: columns, table: table,
                               confidentialModules: confidential.sorted())
    }
}
