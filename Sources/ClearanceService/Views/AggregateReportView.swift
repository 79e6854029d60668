import Foundation

/// `report aggregate --json`: the period, the dimensions, the suppression threshold and the
/// published cells (a count, `<N` for a small count, `x` for a complementary suppression).
extension AggregateReport: JSONView {
    /// One published cell: a count, or the mark that stands for it.
    enum Cell: Encodable {
        case count(Int), mark(String)
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self { case .count(let n): try c.encode(n); case .mark(let m): try c.encode(m) }
        }
    }

    /// One row: its dimension values, its cells by column value, its total.
    struct Row: Encodable { var key: [String: String]; var counts: [String: Cell]; var total: Cell }

    enum CodingKeys: String, CodingKey {
        case period, from, until, by, threshold, columns, rows, columnTotals = "column_totals", total
        case confidentialModules = "confidential_modules", legend
    }

    func cell(_ r: Int, _ c: Int) -> Cell {
        switch table.mark(row: r, column: c) {
        case .published: return .count(table.values[r][c])
        case .primary: return .mark("<\(table.threshold)")
        case .complementary: return .mark("x")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let rows = rowKeys.enumerated().map { r, key in
            Row(key: Dictionary(uniqueKeysWithValues: zip(rowDimensions.map(\.rawValue), key)),
                counts: Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, cell(r, $0)) }), total: cell(r, columns.count))
        }
        try c.encode(period.description, forKey: .period); try c.encode(period.first.description, forKey: .from)
        try c.encode(period.end.adding(days: -1).description, forKey: .until)
        try c.encode(dimensions.map(\.rawValue), forKey: .by); try c.encode(table.threshold, forKey: .threshold)
        try c.encode(columns, forKey: .columns); try c.encode(rows, forKey: .rows)
        try c.encode(Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, cell(rowKeys.count, $0)) }), forKey: .columnTotals)
        try c.encode(cell(rowKeys.count, columns.count), forKey: .total)
        try c.encode(confidentialModules, forKey: .confidentialModules)
        try c.encode(["<\(table.threshold)": "a count from 1 to \(table.threshold - 1)",
                      "x": "hidden so that a small count cannot be worked out from the totals"], forKey: .legend)
    }
}
