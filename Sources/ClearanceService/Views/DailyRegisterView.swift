import ClearanceCore
import Foundation

/// The daily register: every screening recorded on one day, who was seen for what.
///
/// Result codes of a confidential module are withheld for a reader who may not read it
/// (`(confidential)`), the same rule as every other view.
public struct DailyRegister: Sendable, Hashable {
    /// One screening.
    public struct Line: Sendable, Hashable {
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

        public var json: [String: Any] {
            ["time": time, "case": caseID, "person": personID, "name": name, "name_latin": latinName ?? NSNull(),
             "document": document, "programme": programme, "module": module, "status": status,
             "result_codes": resultCodes, "confidential_hidden": withheld, "pending": pending, "recorded_by": recordedBy]
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

    public var json: [String: Any] {
        ["date": date.description, "prepared_by": preparedBy, "prepared_at": preparedAt, "persons": personCount,
         "screenings": lines.count, "withheld": withheldCount, "lines": lines.map(\.json)]
    }
}
