import Foundation

/// What the audit entries say each row was, the last entry that wrote a row winning: the side
/// of `audit verify` that ``AuditContent/scan(_:kinds:row:orphan:)`` is compared with.
///
/// Read straight from the entries' `content` bytes (no string per line), and indexed by kind
/// and numeric key, so a 100,000-encounter log is read in a fraction of a second.
struct RecordedContent {
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

    private var numbers: [[Int64: Recorded]]
    private var texts: [[String: Recorded]]

    init() {
        numbers = Array(repeating: [:], count: AuditContent.Kind.allCases.count)
        texts = Array(repeating: [:], count: AuditContent.Kind.allCases.count)
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
            if let text = key.text { texts[kind.ordinal][text] = recorded } else { numbers[kind.ordinal][key.number] = recorded }
        }
    }

    /// Removes and returns what was recorded for the row, or nil when no entry wrote it.
    mutating func take(_ kind: AuditContent.Kind, _ key: SubjectKey) -> Recorded? {
        if let text = key.text { return texts[kind.ordinal].removeValue(forKey: text) }
        return numbers[kind.ordinal].removeValue(forKey: key.number)
    }

    /// What was recorded for the row and not yet taken.
    func peek(_ kind: AuditContent.Kind, _ key: SubjectKey) -> Recorded? {
        if let text = key.text { return texts[kind.ordinal][text] }
        return numbers[kind.ordinal][key.number]
    }

    /// Everything recorded and not taken: rows whose entries exist and whose rows were not found.
    var remaining: [(AuditSubject, Recorded)] {
        var out: [(AuditSubject, Recorded)] = []
        for kind in AuditContent.Kind.allCases {
            for (n, r) in numbers[kind.ordinal] { out.append((AuditSubject(kind, n), r)) }
            for (t, r) in texts[kind.ordinal] { out.append((AuditSubject(kind, t), r)) }
        }
        return out
    }
}

extension ContentDigest {
    /// A placeholder for recorded rows without a digest (never compared: see ``RecordedContent/Recorded/matches(_:)``).
    static let zero = ContentDigest(words: (0, 0, 0, 0))

    init(words: (UInt64, UInt64, UInt64, UInt64)) { (w0, w1, w2, w3) = words }
}

extension AuditContent.Kind {
    /// The kind's position in `allCases`, for per-kind tables.
    var ordinal: Int {
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
