import Foundation
import Yams

/// How an aggregate report maps onto a DHIS2 data set: result codes to data elements, clinic
/// site codes to organisation units, the other dimensions' values to category option combos.
///
/// ```yaml
/// data_set: BfMAe6Itzgt
/// org_units: {DEMO-01: DiszpKrYNg8}
/// data_elements: {TB-B0: fbfJHSPpUQD, TB-B1-PULM: cYeuwXTCPkU}
/// category_option_combos: {"F/15-24": S34ULMcHMca, "M/15-24": sqGRzCziswD}   # sex/age-band, as --by orders them
/// default_category_option_combo: HllvX50cXC0
/// ```
public struct DHIS2Mapping: Sendable, Hashable {
    public var dataSet: String
    public var orgUnits: [String: String]
    public var dataElements: [String: String]
    public var categoryOptionCombos: [String: String]
    public var defaultCategoryOptionCombo: String?
    public var origin: String

    /// Reads a mapping file.
    /// - Throws: ``ServiceError/configuration(_:)`` naming the file and the key that is missing or wrong.
    public static func load(path: String) throws -> DHIS2Mapping {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServiceError.configuration("cannot read the DHIS2 mapping \(path): check the path given to --mapping")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch { throw ServiceError.configuration("\(path) is not YAML: \(error)") }
        guard let top = root as? [String: Any] else { throw ServiceError.configuration("\(path): the mapping must be a YAML mapping with data_set, org_units and data_elements") }
        func table(_ key: String, required: Bool) throws -> [String: String] {
            guard let v = top[key] else {
                if required { throw ServiceError.configuration("\(path): \(key) is missing (see docs/dhis2-mapping.example.yaml)") }
                return [:]
            }
            guard let m = v as? [String: Any], m.values.allSatisfy({ $0 is String }) else {
                throw ServiceError.configuration("\(path): \(key) must map names to DHIS2 ids (text)")
            }
            return m.mapValues { $0 as! String }
        }
        guard let dataSet = top["data_set"] as? String, !dataSet.isEmpty else {
            throw ServiceError.configuration("\(path): data_set is missing: give the DHIS2 data set id")
        }
        return DHIS2Mapping(dataSet: dataSet, orgUnits: try table("org_units", required: true),
                            dataElements: try table("data_elements", required: true),
                            categoryOptionCombos: try table("category_option_combos", required: false),
                            defaultCategoryOptionCombo: top["default_category_option_combo"] as? String, origin: path)
    }

    /// The report as a DHIS2 `dataValueSets` document. The report must count by `clinic` and
    /// `result`, and may add `sex` and `age-band` (their values joined by `/` name the category
    /// option combo). Suppressed cells are left out (DHIS2 takes numbers only) and listed.
    ///
    /// - Throws: ``ServiceError``: invalid (`by`, a period DHIS2 has no name for), configuration (an unmapped clinic or combo).
    public func dataValueSet(_ report: AggregateReport) throws -> (document: JSONValue, leftOut: [String]) {
        let dims = report.dimensions
        guard dims.contains(.clinic), dims.contains(.result), !dims.contains(.programme) else {
            throw ServiceError.invalid(field: "by", "--format dhis2 counts by clinic and result (and optionally sex, age-band), e.g. --by clinic,sex,result")
        }
        guard let period = report.period.dhis2 else {
            throw ServiceError.invalid(field: "period", "DHIS2 takes a year, quarter or month (2026, 2026-Q4, 2026-11), not a range of days")
        }
        var values: [JSONValue] = []
        var leftOut: [String] = []
        for (r, key) in report.rowKeys.enumerated() {
            for (c, column) in report.columns.enumerated() {
                var named: [AggregateDimension: String] = [report.columnDimension: column]
                for (d, v) in zip(report.rowDimensions, key) { named[d] = v }
                let clinic = named[.clinic] ?? "", code = named[.result] ?? ""
                let count = report.table.values[r][c]
                guard count > 0 else { continue }
                guard let element = dataElements[code] else { leftOut.append("\(code) (no data element in \(origin))"); continue }
                guard let orgUnit = orgUnits[clinic] else {
                    throw ServiceError.configuration("\(origin): clinic \(clinic) has no entry under org_units: add its DHIS2 organisation unit id")
                }
                let comboKey = dims.filter { $0 == .sex || $0 == .ageBand }.map { named[$0] ?? "" }.joined(separator: "/")
                guard let combo = comboKey.isEmpty ? defaultCategoryOptionCombo : (categoryOptionCombos[comboKey] ?? defaultCategoryOptionCombo) else {
                    throw ServiceError.configuration("\(origin): no category option combo for '\(comboKey)': add it under category_option_combos or set default_category_option_combo")
                }
                guard report.table.mark(row: r, column: c) == .published else {
                    leftOut.append(([clinic, code, comboKey].filter { !$0.isEmpty } + ["(suppressed)"]).joined(separator: " ")); continue
                }
                values.append(.object([("dataElement", .string(element)), ("period", .string(period)), ("orgUnit", .string(orgUnit)),
                                       ("categoryOptionCombo", .string(combo)), ("value", .string(String(count)))]))
            }
        }
        let singleOrg = Set(report.rowKeys.compactMap { key in zip(report.rowDimensions, key).first { $0.0 == .clinic }?.1 }).count == 1
            ? report.rowKeys.first.flatMap { key in zip(report.rowDimensions, key).first { $0.0 == .clinic }.flatMap { orgUnits[$0.1] } } : nil
        return (.members([("dataSet", .string(dataSet)), ("period", .string(period)), ("orgUnit", singleOrg.map { .string($0) }),
                          ("dataValues", .array(values))]), leftOut)
    }
}
