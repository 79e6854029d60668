/// Name rules shared by the form loader and the expression parser.
enum FormNames {
    /// `[a-z][a-z0-9_]*`: field, choice-list and parameter names.
    static func isValidName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Module ids: lowercase letters, digits, '-' and '_', starting with a letter.
    static func isValidModuleID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// Result codes: upper-case letters, digits and '-' (`TB-B1-PULM`).
    static func isValidResultCode(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// The closest of `candidates` to `word` when it is a likely typo (edit distance <= 2).
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            var prev = Array(0...b.count)
            for i in 1...a.count {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...b.count {
                    cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let w = Array(word)
        let best = candidates.map { ($0, distance(w, Array($0))) }.min { $0.1 < $1.1 }
        guard let (c, d) = best, d <= 2, d < word.count else { return nil }
        return c
    }
}

/// Number formatting for messages: `12`, `0.5`, `-10`.
enum FormNumber {
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }
}
