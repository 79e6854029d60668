import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// The files of a CSV export: the module's table, one per repeat group, and the codebook.
public struct CSVExport: Sendable {
    /// File name (`tb.csv`, `tb-specimens.csv`, `tb-codebook.csv`) to its table.
    public var files: [(name: String, table: CSVTable)]
    public var encounters: Int
    /// Field columns left out because the user may not read them (`hiv_status`).
    public var withheldColumns: [String]
}

extension ClinicService {
    /// One module's encounters as CSV in the manner of ODK Central's export: one row per
    /// encounter (`KEY`, case, person key, site, dates, recorder, versions, result codes, one
    /// column per field), one file per repeat group whose rows carry `PARENT_KEY`, and a codebook
    /// (column, label, type, choices, unit).
    ///
    /// Columns of fields restricted to other roles are left out; a confidential module the
    /// user may not read is refused. Every case with an exported encounter is audited.
    ///
    /// - Throws: ``ServiceError``: not found (module), forbidden (export privilege, module read roles).
    public func exportCSV(module moduleID: String, since: LocalDate?, by session: Session,
                          progress: ((Int, Int) -> Void)? = nil) throws -> CSVExport {
        try session.require(.exportRecords)
        let module = try host.module(moduleID)
        guard module.manifest.canRead(session.roles) else {
            let roles = (module.manifest.readRoles ?? []).map(\.rawValue).sorted().joined(separator: ", ")
            throw ServiceError.forbidden("\(session.username) (\(session.roleList)) may not read \(moduleID) answers; exporting them needs one of: \(roles)")
        }
        let form = module.form
        // Columns of fields the user may read back (`read_roles`, else `roles`): a nurse answers
        // TB's hiv_status but gets no column for it.
        let visibleFields = form.fields.filter { $0.isInput && form.isReadable(FieldPath(field: $0.name), by: session.roles) }
        let withheld = form.fields.filter { $0.isInput && !form.isReadable(FieldPath(field: $0.name), by: session.roles) }.map(\.name)
        let plain = visibleFields.filter { $0.type != .repeatGroup }
        let groups = visibleFields.filter { $0.type == .repeatGroup }
        let fixed = ["KEY", "case", "person", "site", "programme", "status", "recorded_at", "recorded_by", "module_version", "form_version", "result_codes"]
        var main = CSVTable(header: fixed + plain.map(\.name))
        var groupTables = groups.map { g in CSVTable(header: ["KEY", "PARENT_KEY"] + g.fields.filter { $0.isInput && $0.isReadable(by: session.roles) }.map { "\(g.name)/\($0.name)" }) }

        let records = try read { db in try ExchangeQueries.encounters(db, moduleID: moduleID, since: since?.description) }
        var perCase: [Int64: Int] = [:]
        for start in stride(from: 0, to: records.count, by: 1000) {
            let batch = Array(records[start..<min(records.count, start + 1000)])
            try read { db in
                let cases = try CaseStore.fetchAll(db, ids: Set(batch.map(\.caseId)))
                for e in batch {
                    let (view, _) = try encounterView(db, e, session: session)
                    guard let answers = view.answers, let c = cases[e.caseId] else { continue }
                    let key = "\(moduleID)-\(e.id ?? 0)"
                    main.append([key, String(e.caseId), String(c.personId), c.site, c.programme, e.status.rawValue, e.recordedAt, e.recordedBy,
                                 e.moduleVersion, e.formVersion, view.summary.resultCodes.joined(separator: " ")]
                                + plain.map { answers[$0.name].map(Self.csvCell) ?? "" })
                    for (g, group) in groups.enumerated() {
                        for (i, instance) in (answers[group.name]?.instances ?? []).enumerated() {
                            groupTables[g].append(["\(key)/\(group.name)[\(i + 1)]", key]
                                                  + group.fields.filter { $0.isInput && $0.isReadable(by: session.roles) }.map { instance[$0.name].map(Self.csvCell) ?? "" })
                        }
                    }
                    perCase[e.caseId, default: 0] += 1
                }
            }
            progress?(min(records.count, start + 1000), records.count)
        }
        try write { db in
            for (caseID, n) in perCase.sorted(by: { $0.key < $1.key }) {
                var detail: [String: Any] = ["format": "csv", "module": moduleID, "encounters": n]
                if module.manifest.confidential { detail["confidential"] = [moduleID] }
                try audit(db, session, "export", "case", caseID, detail)
            }
        }
        var files: [(String, CSVTable)] = [("\(moduleID).csv", main)]
        for (g, group) in groups.enumerated() { files.append(("\(moduleID)-\(group.name).csv", groupTables[g])) }
        files.append(("\(moduleID)-codebook.csv", codebook(form: form, module: moduleID, plain: plain, groups: groups, fixed: fixed)))
        return CSVExport(files: files, encounters: main.rows.count, withheldColumns: withheld)
    }

    /// An answer as a CSV cell: choices by value (several space-separated, as ODK writes them),
    /// yes/no as `yes`/`no`, dates ISO, images by attachment id.
    static func csvCell(_ v: Value) -> String {
        switch v {
        case .choices(let c): return c.joined(separator: " ")
        case .image(let id): return String(id)
        case .decimal(let d): return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : String(d)
        default: return v.display
        }
    }

    func codebook(form: FormSpec, module: String, plain: [Field], groups: [Field], fixed: [String]) -> CSVTable {
        var t = CSVTable(header: ["file", "column", "label", "type", "choices", "unit"])
        let fixedMeaning = ["KEY": "row key (module-encounter id)", "case": "case id", "person": "person key (no name)", "site": "clinic site code",
                            "programme": "programme id", "status": "final or draft", "recorded_at": "UTC time recorded",
                            "recorded_by": "user name of the recorder", "module_version": "module version", "form_version": "form version",
                            "result_codes": "result codes, space-separated", "PARENT_KEY": "KEY of the parent row"]
        func row(_ file: String, _ column: String, _ f: Field) -> [String] {
            let choices = form.choices(for: f).map { "\($0.value)=\($0.label.en)" }.joined(separator: "; ")
            return [file, column, f.label.en, f.type.rawValue, choices, f.unit ?? ""]
        }
        for c in fixed { t.append(["\(module).csv", c, fixedMeaning[c] ?? c, "text", "", ""]) }
        for f in plain { t.append(row("\(module).csv", f.name, f)) }
        for g in groups {
            let file = "\(module)-\(g.name).csv"
            t.append([file, "KEY", "row key", "text", "", ""])
            t.append([file, "PARENT_KEY", fixedMeaning["PARENT_KEY"]!, "text", "", ""])
            for f in g.fields where f.isInput { t.append(row(file, "\(g.name)/\(f.name)", f)) }
        }
        return t
    }
}
