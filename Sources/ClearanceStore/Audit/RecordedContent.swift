import Foundation

/// What the audit entries say each row was, the last entry that wrote a row winning: the side
/// of `audit verify` that ``AuditContent/scan(_:kinds:row:orphan:)`` is compared with.
///
/// Read straight from the entries' `content` bytes (no string per line), and indexed by kind
/// and numeric key, so a 100,000-encounter log is read in a fraction of a second.
struct RecordedContent: Sendable {
    /// One row as its last entry recorded it.
    struct Recorded {
        enum State: UInt8 {
            /// ``digest`` holds the recorded digest.
            case digest
            /// The entry recorded the row as deleted (`gone`).
            case gone
            /// The recorded text is not a digest: matches no content.
            case malformed
        }
        var entry: Int64
        var state: State
        var digest: ContentDigest

        /// True when the row's content now is what the entry recorded.
        func matches(_ now: ContentDigest) -> Bool { state == .digest && digest == now }
    }

    /// A numeric key of one kind.
    private struct NumberKey: Hashable { var kind: UInt8; var number: Int64 }
    /// A text key of one kind.
    private struct TextKey: Hashable { var kind: UInt8; var text: String }

    private var numbers: [NumberKey: Recorded] = [:]
    private var texts: [TextKey: Recorded] = [:]

    /// An index sized for about `rows` recorded rows (the log's entry count): one table,
    /// allocated once, rather than one regrown while the log is read.
    init(expectedRows rows: Int) {
        numbers.reserveCapacity(rows)
    }

    /// Records what entry `entry` says it wrote (its `content` bytes); later entries replace earlier ones.
    mutating func add(entry: Int64, content: UnsafeRawBufferPointer) {
        AuditSubject.forEachContentLine(content) { kind, id, digestText in
            let recorded: Recorded
            if let digest = ContentDigest(hex: digestText) {
                recorded = Recorded(entry: entry, state: .digest, digest: digest)
            } else {
                let gone = digestText.elementsEqual("gone".utf8)
                recorded = Recorded(entry: entry, state: gone ? .gone : .malformed, digest: ContentDigest.zero)
            }
            let key = SubjectKey(bytes: id)
            if let text = key.text { texts[TextKey(kind: kind.ordinal, text: text)] = recorded } else {
                numbers[NumberKey(kind: kind.ordinal, number: key.number)] = recorded
            }
        }
    }

    /// Removes and returns what was recorded for the row, or nil when no entry wrote it.
    mutating func take(_ kind: AuditContent.Kind, _ key: SubjectKey) -> Recorded? {
        if let text = key.text { return texts.removeValue(forKey: TextKey(kind: kind.ordinal, text: text)) }
        return numbers.removeValue(forKey: NumberKey(kind: kind.ordinal, number: key.number))
    }

    /// What was recorded for the row and not yet taken.
    func peek(_ kind: AuditContent.Kind, _ key: SubjectKey) -> Recorded? {
        if let text = key.text { return texts[TextKey(kind: kind.ordinal, text: text)] }
        return numbers[NumberKey(kind: kind.ordinal, number: key.number)]
    }

    /// Everything recorded and not taken: rows whose entries exist and whose rows were not found.
    var remaining: [(AuditSubject, Recorded)] {
        let kinds = AuditContent.Kind.allCases
        return numbers.map { (AuditSubject(kinds[Int($0.key.kind)], $0.key.number), $0.value) }
            + texts.map { (AuditSubject(kinds[Int($0.key.kind)], $0.key.text), $0.value) }
    }
}

extension ContentDigest {
    /// A placeholder for recorded rows without a digest (never compared: see ``RecordedContent/Recorded/matches(_:)``).
    static let zero = ContentDigest(words: (0, 0, 0, 0))

    init(words: (UInt64, UInt64, UInt64, UInt64)) { (w0, w1, w2, w3) = words }
}

extension AuditContent.Kind {
    /// The kind's position in `allCases`, for the index's keys.
    var ordinal: UInt8 {
        switch self {
        case .person: 0
        case .case: 1
        case .encounter: 2
        case .decision: 3
        case .certificate: 4
        case .user: 5
        case .attachment: 6
        case .signingKey: 7
        case .clinicIdentity: 8
        case .modulePublisher: 9
        case .modulePack: 10
        case .clinicMetadata: 11
        }
    }
}
