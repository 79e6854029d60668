import Foundation

/// A CSV file as RFC 4180 writes it: a header row, CRLF line ends, a field quoted when it holds
/// a comma, a quote or a line break (quotes doubled), UTF-8 with a byte-order mark so that
/// spreadsheets read non-Latin names correctly.
///
/// Cells are made safe to open in a spreadsheet: a text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is prefixed with `'` so that it is never run as a formula (OWASP "CSV
/// injection"); a plain number such as `-10` is left as it is, since it cannot be a formula.
///
/// ```swift
/// var t = CSVTable(header: ["KEY", "note"])
/// t.append(["enc-1", "=HYPERLINK(\"x\")"])
/// t.rendered()   // "\u{FEFF}KEY,note\r\nenc-1,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
/// ```
public struct CSVTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The file's text.
    public func rendered(byteOrderMark: Bool = true) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        for row in [header] + rows {
            var first = true
            for cell in row {
                if !first { out += "," }
                first = false
                out += CSVTable.field(cell)
            }
            out += "\r\n"
        }
        return out
    }

    /// One field, made formula-safe and quoted as needed.
    public static func field(_ raw: String) -> String {
        var cell = raw
        if let c = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(c), !isPlainNumber(cell) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-10`, `+3`, `12.5`: a number a spreadsheet reads as a number, never a formula.
    static func isPlainNumber(_ s: String) -> Bool {
        var digits = 0, dots = 0
        for (i, ch) in s.enumerated() {
            if ch.isASCII, ch.isNumber { digits += 1 } else if ch == "." { dots += 1 } else if i == 0, ch == "-" || ch == "+" { continue } else { return false }
        }
        return digits > 0 && dots <= 1
    }
}
