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
    /// The item's import key (``ImportKeyStore``): an item whose key was already imported for
    /// the module is skipped, never saved twice. Nil: no key (saved every time).
    public var key: String?
    /// Why the item replaces the case's final encounter of the module, when it has one
    /// (`"supersede": "R"` on an import line); without it such an item is refused.
    public var supersede: String?

    public init(caseID: Int64, answers: Answers, line: Int? = nil, key: String? = nil, supersede: String? = nil) {
        self.caseID = caseID; self.input = .answers(answers); self.line = line; self.key = key; self.supersede = supersede
    }

    public init(caseID: Int64, json: [String: Any], line: Int? = nil, key: String? = nil, supersede: String? = nil) {
        self.caseID = caseID; self.input = .json(json); self.line = line; self.key = key; self.supersede = supersede
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

    /// One item skipped because its key was already imported.
    public struct Skipped: Sendable {
        public var index: Int
        public var line: Int?
        /// The encounter its key produced (by an earlier run, or earlier in this one).
        public var encounterID: Int64
    }

    public var saved: [Int64]
    /// Items refused, by their position in the input, with every issue.
    public var refused: [Refusal]
    /// Items saved without some of their answers (restricted to other roles), with what was dropped.
    public var ignored: [Ignored] = []
    /// Items skipped: their key was already imported (a file run again, or the same `id` twice).
    public var skipped: [Skipped] = []
    /// Line numbers of the saved items, in the order of ``saved`` (nil for items without a line).
    public var savedLines: [Int?] = []
}

extension ClinicService {
    /// Records many encounters of one module through the recording pipeline
    /// (``ClinicService+Pipeline.swift``): the same checks, image handling and messages as
    /// ``record(module:caseID:input:final:by:)``, `batchSize` items prepared at a time and
    /// committed in transactions of at most that many, each holding the write lock for about
    /// ``maximumTransactionSeconds`` at most. Each encounter gets its observations,
    /// attachments, audit entry and import key in the same transaction as itself. An item
    /// whose ``ImportItem/key`` was already imported is skipped (``ImportReport/skipped``);
    /// an invalid item is refused with its issues and the rest are saved; a crash loses at
    /// most the transaction being written, and running the same items again continues.
    ///
    /// - Throws: ``ServiceError`` not found (module), forbidden (the user may not record it),
    ///   busy, disk full or read-only (what was saved is in none of these: see ``importFile``).
    public func importEncounters(module id: String, items: [ImportItem], batchSize: Int = 500, by session: Session) throws -> ImportReport {
        let module = try host.module(id)
        try session.requireRecord(module.manifest)
        var report = ImportReport(saved: [], refused: [])
        var start = 0
        while start < items.count {
            let end = min(start + max(1, batchSize), items.count)
            try importBatch(module, items, start..<end, into: &report, session: session)
            start = end
        }
        report.refused.sort { $0.index < $1.index }
        return report
    }

    /// Imports a JSON Lines file (``ImportLineReader``: its rules for a line) of one module,
    /// reading `batchSize` lines at a time, so memory is bounded by the batch and not by the
    /// file. Lines whose key was already imported are skipped; a file run again after a crash
    /// or `kill -9` saves exactly the lines that were not committed.
    ///
    /// - Parameter committed: called after each committed batch with the report so far.
    /// - Throws: ``ServiceError`` not found (module, file), forbidden, invalid (a directory,
    ///   an unreadable file); a database error stops the import after the last committed batch.
    public func importFile(module id: String, path: String, batchSize: Int = 500, by session: Session,
                           committed: (ImportReport) -> Void = { _ in }) throws -> ImportReport {
        let module = try host.module(id)
        try session.requireRecord(module.manifest)
        var reader = try ImportLineReader(path: path)
        defer { reader.close() }
        var report = ImportReport(saved: [], refused: [])
        var batch: [ImportItem] = []
        batch.reserveCapacity(max(1, batchSize))
        var done = false
        while !done {
            batch.removeAll(keepingCapacity: true)
            while batch.count < max(1, batchSize) {
                guard let line = try reader.next() else { done = true; break }
                switch line {
                case .item(let item): batch.append(item)
                case .refused(let r): report.refused.append(r)
                }
            }
            if !batch.isEmpty {
                do { try importBatch(module, batch, batch.indices, into: &report, session: session) } catch let e as ServiceError {
                    // Busy, disk full, read-only: say what landed, and how to go on.
                    throw e.adding(report.savedNote)
                }
                committed(report)
            }
        }
        report.refused.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return report
    }

    /// One batch of items in one transaction: keys already imported skipped, the rest through
    /// the pipeline, each saved item with its key.
    private func importBatch(_ module: any ScreeningModule, _ items: [ImportItem], _ range: Range<Int>,
                             into report: inout ImportReport, session: Session) throws {
        let id = module.manifest.id
        // Keys already imported, looked up before the work (PNG files are not read for them);
        // looked up again in the transaction, which is what counts.
        let keys = Set(items[range].compactMap(\.key))
        let known = keys.isEmpty ? [:] : try read { db in try ImportKeyStore.existing(db, module: id, keys: keys) }
        // Step 1 for the batch, before its transaction (PNG files are read here).
        var prepared: [Int: PreparedAnswers] = [:]
        for index in range where items[index].key.map({ known[$0] == nil }) ?? true {
            do { prepared[index] = try prepareAnswers(module: id, input: items[index].input, session: session) } catch let e as ServiceError {
                report.refused.append(.init(index: index, line: items[index].line, issues: Self.issues(of: e)))
            }
        }
        // Bounded transactions: each holds the write lock for at most about
        // `maximumTransactionSeconds`, so other staff (and other imports) saving meanwhile wait
        // well within the busy timeout, whatever `--batch` says.
        var next = range.lowerBound
        while next < range.upperBound {
            var batchReport = ImportReport(saved: [], refused: [])
            var reached = next
            var cut = false
            try write { db in
                batchReport = ImportReport(saved: [], refused: [])
                let began = Date()
                _ = try FormVersionStore.register(db, form: module.form, moduleVersion: module.manifest.version.description, at: clock.now)
                var imported = keys.isEmpty ? [:] : try ImportKeyStore.existing(db, module: id, keys: keys)
                // Every case of the batch, with its person and encounters, in three queries.
                var states = try caseStates(db, Set(items[next..<range.upperBound].map(\.caseID)))
                var contexts: [Int64: ModuleContext] = [:]
                var touched: Set<Int64> = []
                reached = next
                for index in next..<range.upperBound {
                    reached = index + 1
                    let item = items[index]
                    if let key = item.key, let encounter = imported[key] {
                        batchReport.skipped.append(.init(index: index, line: item.line, encounterID: encounter))
                        continue
                    }
                    guard let p = prepared[index] else { continue }
                    guard let state = states[item.caseID] else {
                        batchReport.refused.append(.init(index: index, line: item.line,
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
                        if let key = item.key {
                            try ImportKeyStore.insert(db, module: id, key: key, encounterID: outcome.encounterID, by: session.username, at: clock.now)
                            imported[key] = outcome.encounterID
                        }
                        states[item.caseID]?.encounters.append(encounter)
                        batchReport.saved.append(outcome.encounterID)
                        batchReport.savedLines.append(item.line)
                        if !p.ignored.isEmpty { batchReport.ignored.append(.init(index: index, line: item.line, issues: p.ignored)) }
                        touched.insert(item.caseID)
                    } catch let e as ServiceError {
                        batchReport.refused.append(.init(index: index, line: item.line, issues: Self.issues(of: e)))
                    }
                    if Date().timeIntervalSince(began) > Self.maximumTransactionSeconds { cut = index + 1 < range.upperBound; break }
                }
                for c in touched { try refreshStatus(db, c, known: states[c]) }
            }
            next = reached
            report.saved += batchReport.saved
            report.savedLines += batchReport.savedLines
            report.refused += batchReport.refused
            report.ignored += batchReport.ignored
            report.skipped += batchReport.skipped
            // SQLite's busy handler lets a waiting writer retry only every 100 ms: a writer
            // that starts its next transaction at once would take the lock again every time
            // and starve the others past their busy timeout. Leave them a turn.
            if cut { Thread.sleep(forTimeInterval: Self.pauseBetweenTransactions) }
        }
    }

    /// The longest a transaction of an import holds the write lock (seconds), about: it commits
    /// after the item that passes it, and the batch goes on in the next transaction.
    static let maximumTransactionSeconds: TimeInterval = 0.25
    /// The pause after a transaction cut short by ``maximumTransactionSeconds`` (longer than
    /// the 100 ms between a waiting writer's tries), so that other writers get their turn.
    static let pauseBetweenTransactions: TimeInterval = 0.12

    /// An error of one import item as its list of issues (a conflict or refusal becomes one issue on `case`).
    static func issues(of error: ServiceError) -> [ValidationIssue] {
        error.issues.isEmpty ? [ValidationIssue(field: "case", message: error.description)] : error.issues
    }
}

extension ImportReport {
    /// What an import stopped by an error had saved, and how to go on.
    public var savedNote: String {
        let lines = savedLines.compactMap { $0 }
        let saved = lines.isEmpty ? "Nothing of this import was saved"
            : "Saved before it stopped: \(saved.count) encounter\(saved.count == 1 ? "" : "s") (\(lines.count == 1 ? "line" : "lines") \(Self.ranges(lines)))"
        return saved + (skipped.isEmpty ? "" : ", \(skipped.count) already imported") + "; run the same import again to continue (saved lines are skipped)."
    }

    /// `1-3, 7, 9-12` for line numbers.
    public static func ranges(_ lines: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = lines.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
