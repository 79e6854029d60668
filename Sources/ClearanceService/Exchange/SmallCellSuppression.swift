/// Small-cell and complementary suppression of a two-way table of counts with its margins.
///
/// The table is the interior counts plus a total per row, per column and the grand total, all
/// published. **Primary**: any count from 1 to `threshold - 1` (interior or margin) is
/// suppressed; zero is published. **Complementary**: while some row or column (margins
/// included) has exactly one suppressed entry, or while an attacker who knows every published
/// number could still pin a suppressed one down exactly (interval reasoning over all row and
/// column equations, ``exposed``), the smallest non-zero published entry of such a line is
/// suppressed too. The result: no suppressed entry can be recovered from the totals.
///
/// ```swift
/// let s = SmallCellSuppression(counts: [[3, 12], [10, 20]], threshold: 5)
/// s.mark(row: 0, column: 0)   // .primary
/// ```
public struct SmallCellSuppression: Sendable, Hashable {
    /// How an entry is published.
    public enum Mark: String, Sendable, Hashable {
        case published
        /// A small count: published as `<threshold`.
        case primary
        /// Hidden so that a small count cannot be worked out from the totals: published as `x`.
        case complementary
    }

    public let threshold: Int
    /// The extended table: rows `0..<R` then the column-total row; columns `0..<C` then the row-total column.
    public let values: [[Int]]
    public private(set) var marks: [[Mark]]

    public var rowCount: Int { values.count - 1 }
    public var columnCount: Int { (values.first?.count ?? 1) - 1 }

    /// Suppresses `counts` (rows of equal length) with its margins.
    public init(counts: [[Int]], threshold: Int) {
        self.threshold = threshold
        let columns = counts.first?.count ?? 0
        var v = counts.map { $0 + [$0.reduce(0, +)] }
        var totals = (0..<columns).map { c in counts.reduce(0) { $0 + $1[c] } }
        totals.append(totals.reduce(0, +))
        v.append(totals)
        values = v
        marks = v.map { row in row.map { $0 >= 1 && $0 < threshold ? .primary : .published } }
        complement()
    }

    /// The mark of an entry; `row == rowCount` is the totals row, `column == columnCount` the totals column.
    public func mark(row: Int, column: Int) -> Mark { marks[row][column] }

    /// The entry as published: the count, `<5`, or `x`.
    public func published(row: Int, column: Int) -> String {
        switch marks[row][column] {
        case .published: return String(values[row][column])
        case .primary: return "<\(threshold)"
        case .complementary: return "x"
        }
    }

    // MARK: - Lines and the attack

    /// Every row and column as cell positions; the last of each is its total.
    var lines: [[(Int, Int)]] {
        let R = rowCount, C = columnCount
        return (0...R).map { r in (0...C).map { (r, $0) } } + (0...C).map { c in (0...R).map { ($0, c) } }
    }

    func isSuppressed(_ p: (Int, Int)) -> Bool { marks[p.0][p.1] != .published }

    mutating func complement() {
        var guardCount = 0
        while guardCount < 10_000 {
            guardCount += 1
            if let line = lines.first(where: { $0.filter(isSuppressed).count == 1 }), suppressPartner(in: line) { continue }
            let exposedCells = exposed()
            guard let cell = exposedCells.first else { return }
            let candidates = lines.filter { $0.contains { $0 == cell } }
            if !candidates.contains(where: { suppressPartner(in: $0) }) { return }
        }
    }

    /// Suppresses the smallest published non-zero entry of `line` (interior before total);
    /// false when there is none.
    mutating func suppressPartner(in line: [(Int, Int)]) -> Bool {
        let open = line.filter { !isSuppressed($0) }
        let interior = open.filter { $0 != line.last! }
        let pick = (interior.filter { values[$0.0][$0.1] > 0 }.min { values[$0.0][$0.1] < values[$1.0][$1.1] })
            ?? open.filter { values[$0.0][$0.1] > 0 }.min { values[$0.0][$0.1] < values[$1.0][$1.1] }
        guard let p = pick else { return false }
        marks[p.0][p.1] = .complementary
        return true
    }

    /// Suppressed entries whose value an attacker can work out exactly from the published
    /// numbers: bounds of each unknown tightened over every row and column equation until
    /// they no longer change.
    public func exposed() -> [(Int, Int)] {
        let R = rowCount, C = columnCount
        let big = 1 << 40
        var lo = values.map { $0.map { _ in 0 } }, hi = lo
        for r in 0...R {
            for c in 0...C {
                switch marks[r][c] {
                case .published: lo[r][c] = values[r][c]; hi[r][c] = values[r][c]
                case .primary: lo[r][c] = 1; hi[r][c] = threshold - 1
                case .complementary: lo[r][c] = 0; hi[r][c] = big
                }
            }
        }
        var changed = true, rounds = 0
        while changed && rounds < 200 {
            changed = false; rounds += 1
            for line in lines {
                let total = line.last!, parts = Array(line.dropLast())
                let sumLo = parts.reduce(0) { $0 + lo[$1.0][$1.1] }, sumHi = parts.reduce(0) { min(big, $0 + hi[$1.0][$1.1]) }
                // The total lies within the sum of its parts' bounds...
                if sumLo > lo[total.0][total.1] { lo[total.0][total.1] = sumLo; changed = true }
                if sumHi < hi[total.0][total.1] { hi[total.0][total.1] = sumHi; changed = true }
                // ...and each part is the total less the others.
                for p in parts {
                    let othersLo = sumLo - lo[p.0][p.1], othersHi = sumHi >= big ? big : sumHi - hi[p.0][p.1]
                    let newLo = lo[total.0][total.1] - othersHi, newHi = hi[total.0][total.1] >= big ? big : hi[total.0][total.1] - othersLo
                    if newLo > lo[p.0][p.1] { lo[p.0][p.1] = newLo; changed = true }
                    if newHi < hi[p.0][p.1] { hi[p.0][p.1] = newHi; changed = true }
                }
            }
        }
        var out: [(Int, Int)] = []
        for r in 0...R { for c in 0...C where marks[r][c] != .published && lo[r][c] == hi[r][c] { out.append((r, c)) } }
        return out
    }
}
