/// A semantic version `MAJOR.MINOR.PATCH` (a missing part reads as 0).
public struct SemanticVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int, minor: Int, patch: Int

    public init(_ major: Int, _ minor: Int = 0, _ patch: Int = 0) {
        self.major = major; self.minor = minor; self.patch = patch
    }

    /// Parses `1`, `1.2` or `1.2.3`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var nums: [Int] = []
        for p in parts { guard let n = Int(p), n >= 0 else { return nil }; nums.append(n) }
        while nums.count < 3 { nums.append(0) }
        self.init(nums[0], nums[1], nums[2])
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }
}

/// A range of host API versions a module works with: `>=1.0 <2.0`.
public struct VersionRange: Hashable, Sendable, CustomStringConvertible {
    public var lower: SemanticVersion
    /// Exclusive upper bound.
    public var upper: SemanticVersion

    public init(_ lower: SemanticVersion, _ upper: SemanticVersion) { self.lower = lower; self.upper = upper }

    /// Parses `>=1.0 <2.0`, or a bare `1` meaning `>=1.0.0 <2.0.0`.
    public init?(_ text: String) {
        let t = text.split(separator: " ").map(String.init)
        if t.count == 1, let v = SemanticVersion(t[0]) {
            self.init(v, SemanticVersion(v.major + 1)); return
        }
        guard t.count == 2, t[0].hasPrefix(">="), t[1].hasPrefix("<"),
              let lo = SemanticVersion(String(t[0].dropFirst(2))),
              let hi = SemanticVersion(String(t[1].dropFirst(1))), lo < hi else { return nil }
        self.init(lo, hi)
    }

    public func contains(_ v: SemanticVersion) -> Bool { lower <= v && v < upper }

    public var description: String { ">=\(lower) <\(upper)" }
}

/// The version of the module API this host implements.
public let hostAPIVersion = SemanticVersion(1, 0, 0)
