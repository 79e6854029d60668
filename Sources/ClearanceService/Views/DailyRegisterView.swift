import ClearanceCore
import Foundation

/// The daily register: every screening recorded on one day, who was seen for what.
///
/// Result codes of a confidential module are withheld for a reader who may not read it
/// (`(confidential)`), the same rule as every other view.
public struct DailyRegister: Sendable, Hashable, JSONView {
    /// One screening.
    public struct Line: Sendable, Hashable, JSONView {
        /// `HH:MM` (UTC, as stored).
        public var time: String
        public var caseID: Int64
        public var personID: Int64
        public var name: String
        /// The name in Latin letters when written in another script.
        public var latinName: String?
        public var document: String
        public var programme: String
        public var module: String
        /// `draft` or `final`.
        public var status: String
        /// Result codes, or empty when withheld.
        public var resultCodes: [String]
        public var withheld: Bool
        public var pending: Bool
        public var recordedBy: String

        /// The results column: codes, `(confidential)` or `-`.
        public var results: String {
            if withheld { return "(confidential)" }
            let codes = resultCodes.isEmpty ? "-" : resultCodes.joined(separator: " ")
            return pending ? codes + " [pending]" : codes
        }

        enum CodingKeys: String, CodingKey {
            case time, caseID = "case", personID = "person", name, latinName = "name_latin", document, programme, module, status
            case resultCodes = "result_codes", withheld = "confidential_hidden", pending, recordedBy = "recorded_by"
        }

        /// The line's keys, `name_latin` null when none; a withheld line shows no result codes.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(time, forKey: .time); try c.encode(caseID, forKey: .caseID); try c.encode(personID, forKey: .personID)
            try c.encode(name, forKey: .name); try c.encode(latinName, forKey: .latinName); try c.encode(document, forKey: .document)
            try c.encode(programme, forKey: .programme); try c.encode(module, forKey: .module); try c.encode(status, forKey: .status)
            try c.encode(withheld ? [] : resultCodes, forKey: .resultCodes); try c.encode(withheld, forKey: .withheld)
            try c.encode(pending, forKey: .pending); try c.encode(recordedBy, forKey: .recordedBy)
        }
    }

    public var date: LocalDate
    public var lines: [Line]
    /// Who asked for the register (the visibility it was made with).
    public var preparedBy: String
    public var preparedAt: String

    /// Persons seen (distinct).
    public var personCount: Int { Set(lines.map(\.personID)).count }
    public var withheldCount: Int { lines.filter(\.withheld).count }

    static let headers = ["time", "case", "person", "name", "name_latin", "document", "programme", "module", "status", "results", "recorded_by"]

    /// The register as CSV through the one CSV writer (``CSVTable``: RFC 4180, CRLF line ends,
    /// formula-safe cells), without a byte-order mark.
    public var csv: String {
        var table = CSVTable(header: Self.headers)
        for l in lines {
            table.append([l.time, String(l.caseID), String(l.personID), l.name, l.latinName ?? "", l.document, l.programme, l.module,
                          l.status, l.results, l.recordedBy])
        }
        return table.rendered(byteOrderMark: false)
    }

    enum CodingKeys: String, CodingKey {
        case date, preparedBy = "prepared_by", preparedAt = "prepared_at", persons, screenings, withheld, lines
    }

    /// The date, who prepared it and when, the counts and the lines.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date.description, forKey: .date); try c.encode(preparedBy, forKey: .preparedBy)
        try c.encode(preparedAt, forKey: .preparedAt); try c.encode(personCount, forKey: .persons)
        try c.encode(lines.count, forKey: .screenings); try c.encode(withheldCount, forKey: .withheld)
        try c.encode(lines, forKey: .lines)
    }
}
