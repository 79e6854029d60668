import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// One encounter of a bulk import.
public struct ImportItem: Sendable {
    public var caseID: Int64
    /// The answers: typed, or a JSON object as on an import line (image fields may name PNG files).
    public var input: AnswerInput
    /// Where the item came from (its line number in the file), named in the report; nil: its position.
    public var line: Int?
    /// Why the item replaces the case's final encounter of the module, when it has one
    /// (`"supersede": "R"` on an import line); without it such an item is refused.
    public var supersede: String?

    public init(caseID: Int64, answers: Answers, line: Int? = nil, supersede: String? = nil) {
        self.caseID = caseID; self.input = .answers(answers); self.line = line; self.supersede = supersede
    }

    public init(caseID: Int64, json: [String: Any], line: Int? = nil, supersede: String? = nil) {
        self.caseID = caseID; self.input = .json(json); self.line = line; self.supersede = supersede
    }
}

/// What a bulk import did.
public struct ImportReport: Sendable {
    /// One item that was refused.
    public struct Refusal: Sendable, Encodable {
        /// Position in the input (0-based).
        public var index: Int
        /// The item's line, when it came from a file.
        public var line: Int?
        /// Every issue, as `record` lists them.
        public var issues: [ValidationIssue]

        public init(index: Int, line: Int?, issues: [ValidationIssue]) { self.index = index; self.line = line; self.issues = issues }

        enum CodingKeys: String, CodingKey { case index, line, issues }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encodeIfPresent(line, forKey: .line)
            try c.encode(issues.map(IssueView.init), forKey: .issues)
        }
    }

    /// Answers to fields restricted to other roles, dropped from one saved item.
    public struct Ignored: Sendable {
        public var index: Int
        public var line: Int?
        public var issues: [ValidationIssue]
    }

    public var saved: [Int64]
    /// Items refused, by their position in the input, with every issue.
    public var refused: [Refusal]
    /// Items saved without some of their answers (restricted to other roles), with what was dropped.
    public var ignored: [Ignored] = []
}

extension ClinicService {
    /// Records many encounters of one module through the recording pipeline
    /// (``ClinicService+Pipeline.swift``): the same checks, image handling and messages as
    /// ``record(module:caseID:input:final:by:)``, committing `batchSize` encounters per
    /// transaction. Each encounter gets its observations, attachments and audit entry in the
    /// same transaction as itself. An invalid item is refused with its issues and the rest are
    /// saved; a crash loses at most the batch being written.
    ///
    /// - Throws: ``ServiceError`` not found (module), forbidden (the user may not record it).
    public func importEncounters(module id: String, items: [ImportItem], batchSize: Int = 500, by session: Session) throws -> ImportReport {
        let module = try host.module(id)
        try session.requireRecord(module.manifest)
        var report = ImportReport(saved: [], refused: [])
        var start = 0
        while start < items.count {
            let end = min(start + max(1, batchSize), items.count)
            // Step 1 for the batch, before its transaction (PNG files are read here).
            var prepared: [Int: PreparedAnswers] = [:]
            for index in start..<end {
                do { prepared[index] = try prepareAnswers(module: id, input: items[index].input, session: session) } catch let e as ServiceError {
                    report.refused.append(.init(index: index, line: items[index].line, issues: Self.issues(of: e)))
                }
            }
            try write { db in
                _ = try FormVersionStore.register(db, form: module.form, moduleVersion: module.manifest.version.description, at: clock.now)
                // Every case of the batch, with its person and encounters, in three queries.
                var states = try caseStates(db, Set(items[start..<end].map(\.caseID)))
                var contexts: [Int64: ModuleContext] = [:]
                var touched: Set<Int64> = []
                for index in start..<end {
                    guard let p = prepared[index] else { continue }
                    let item = items[index]
                    guard let state = states[item.caseID] else {
                        report.refused.append(.init(index: index, line: item.line,
                                                    issues: [ValidationIssue(field: "case", message: Self.noSuchCase(item.caseID).description)]))
                        continue
                    }
                    do {
                        let context = try contexts[item.caseID] ?? moduleContext(db, module: id, state: state, session: session)
                        contexts[item.caseID] = context
                        try requireOpen(state)
                        let (outcome, encounter) = try recordChecked(db, p, state: state, context: context, final: true, supersede: item.supersede,
                                                                     imported: true, registerForm: false, session: session)
                        states[item.caseID]?.encounters.removeAll { $0.id == encounter.id }
                        states[item.caseID]?.encounters.append(encounter)
                        report.saved.append(outcome.encounterID)
                        if !p.ignored.isEmpty { report.ignored.append(.init(index: index, line: item.line, issues: p.ignored)) }
                        touched.insert(item.caseID)
                    } catch let e as ServiceError {
                        report.refused.append(.init(index: index, line: item.line, issues: Self.issues(of: e)))
                    }
                }
                for c in touched { try refreshStatus(db, c, known: states[c]) }
            }
            start = end
        }
        report.refused.sort { $0.index < $1.index }
        return report
    }

    /// An error of one import item as its list of issues (a conflict or refusal becomes one issue on `case`).
    static func issues(of error: ServiceError) -> [ValidationIssue] {
        error.issues.isEmpty ? [ValidationIssue(field: "case", message: error.description)] : error.issues
    }
}
