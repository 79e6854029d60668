import Foundation

/// A certificate's unique, non-sequential identifier: 60 random bits in Crockford base32,
/// grouped for reading aloud, plus Crockford's mod-37 check symbol: `CLR-7K3M-9QXD-4T2B-R`.
///
/// The check symbol catches any single mistyped character and any swap of two adjacent
/// characters (37 is prime, so every weight and every adjacent difference is non-zero mod 37).
/// Generation draws again when the check value would be one of Crockford's extra symbols
/// (`* ~ $ = U`), so printed ids never hold shell or URL specials; this costs 0.2 bits of the 60.
///
/// ```swift
/// var rng = SystemRandomNumberGenerator()
/// let id = CertificateID.generate(using: &rng)
/// CertificateID.isValid(id.description)          // true
/// CertificateID.isValid("CLR-7K3M-9QXD-4T2B-X")  // false (wrong check symbol)
/// ```
public struct CertificateID: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Crockford base32 symbols, value 0...31.
    static let symbols = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Crockford check symbols, value 0...36.
    static let checkSymbols = symbols + Array("*~$=U")
    static let prefix = "CLR"
    static let mask: UInt64 = (1 << 60) - 1

    /// The 60-bit value.
    public let value: UInt64

    /// An id holding `value` (only the low 60 bits are used).
    public init(value: UInt64) { self.value = value & Self.mask }

    /// A new random id drawn from `generator` (inject a seeded generator in tests).
    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> CertificateID {
        while true {
            let candidate = CertificateID(value: generator.next())
            if candidate.checkValue < 32 { return candidate }
        }
    }

    /// Parses an id as typed by a person: case-insensitive, hyphens and spaces optional,
    /// `O` read as `0` and `I`/`L` as `1` (Crockford); nil when the shape or check symbol is wrong.
    public init?(_ text: String) {
        var chars = Array(text.uppercased().filter { $0 != "-" && $0 != " " })
        guard chars.count == 3 + 12 + 1, String(chars[0..<3]) == Self.prefix else { return nil }
        chars.removeFirst(3)
        var value: UInt64 = 0
        for raw in chars[0..<12] {
            let c: Character = raw == "O" ? "0" : (raw == "I" || raw == "L") ? "1" : raw
            guard let digit = Self.symbols.firstIndex(of: c) else { return nil }
            value = value << 5 | UInt64(digit)
        }
        guard let check = chars.last, let checkIndex = Self.checkSymbols.firstIndex(of: check) else { return nil }
        let id = CertificateID(value: value)
        guard id.checkValue == checkIndex else { return nil }
        self = id
    }

    /// Whether `text` is a well-formed id whose check symbol matches.
    public static func isValid(_ text: String) -> Bool { CertificateID(text) != nil }

    /// Crockford's check value: the number mod 37.
    var checkValue: Int { Int(value % 37) }

    /// The 12 data symbols, most significant first.
    var dataSymbols: [Character] {
        (0..<12).reversed().map { Self.symbols[Int((value >> (UInt64($0) * 5)) & 31)] }
    }

    /// `CLR-XXXX-XXXX-XXXX-C`.
    public var description: String {
        let d = dataSymbols
        return "\(Self.prefix)-\(String(d[0..<4]))-\(String(d[4..<8]))-\(String(d[8..<12]))-\(Self.checkSymbols[checkValue])"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = CertificateID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a certificate id (CLR-XXXX-XXXX-XXXX-C)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
