import GRDB

/// What `case list` asks for. Every filter given narrows the list; none gives the open cases.
public struct CaseListFilter: Hashable, Sendable {
    /// Statuses to include; nil means the cases whose work has not ended (open, results pending,
    /// ready for review, certified... not closed or cancelled, and not certified either: the worklist).
    public var statuses: Set<CaseStatus>?
    public var programme: String?
    /// Cases opened at or after this timestamp (`YYYY-MM-DD` sorts before any time that day).
    public var openedSince: String?
    /// Folded name-prefix words (every one must start a word of the person's names) or a
    /// document-number prefix (normalized as ``PersonSearch/documentKey(_:)``).
    public var nameWords: [String]
    public var documentPrefix: String?
    /// Cases opened by this user or with an encounter recorded by them.
    public var involving: String?
    public var limit: Int

    public init(statuses: Set<CaseStatus>? = nil, programme: String? = nil, openedSince: String? = nil, nameWords: [String] = [],
                documentPrefix: String? = nil, involving: String? = nil, limit: Int = 100) {
        self.statuses = statuses; self.programme = programme; self.openedSince = openedSince; self.nameWords = nameWords
        self.documentPrefix = documentPrefix; self.involving = involving; self.limit = limit
    }
}

extension CaseStore {
    /// The statuses the worklist shows when no status is asked for.
    public static let worklistStatuses: Set<CaseStatus> = [.open, .resultsPending, .readyForReview]

    /// The cases matching `filter`, oldest opened first.
    ///
    /// A name search matches either the name words or the document prefix (the query is tried
    /// as both); the other filters all apply.
    public static func list(_ db: Database, _ filter: CaseListFilter) throws -> [CaseRecord] {
        var sql = "SELECT \(CaseRecord.selection.prefixed("c")) FROM cases c WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        let statuses = (filter.statuses ?? worklistStatuses).map(\.rawValue).sorted()
        sql += " AND c.status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))"
        args += statuses
        if let p = filter.programme { sql += " AND c.programme = ?"; args.append(p) }
        if let s = filter.openedSince { sql += " AND c.opened_at >= ?"; args.append(s) }
        if let who = filter.involving {
            sql += " AND (c.opened_by = ? OR EXISTS (SELECT 1 FROM encounters e WHERE e.case_id = c.id AND e.recorded_by = ?))"
            args += [who, who]
        }
        var alternatives: [String] = []
        if !filter.nameWords.isEmpty {
            let each = filter.nameWords.map { _ in "EXISTS (SELECT 1 FROM person_search_keys k WHERE k.person_id = c.person_id AND k.key >= ? AND k.key < ?)" }
            alternatives.append("(" + each.joined(separator: " AND ") + ")")
            for w in filter.nameWords { args += [w, w + PersonSearch.top] }
        }
        if let d = filter.documentPrefix, !d.isEmpty {
            alternatives.append("EXISTS (SELECT 1 FROM persons p WHERE p.id = c.person_id AND p.document_key >= ? AND p.document_key < ?)")
            args += [d, d + PersonSearch.top]
        }
        if !alternatives.isEmpty { sql += " AND (" + alternatives.joined(separator: " OR ") + ")" }
        sql += " ORDER BY c.opened_at, c.id LIMIT ?"
        args.append(max(0, filter.limit))
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(CaseRecord.init(positional:))
    }
}
