import ClearanceCore
import Crypto

/// A SHA-256 content digest held as four words, so `audit verify` compares and stores the
/// digests of a whole database without a string per row.
struct ContentDigest: Hashable, Sendable {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    init(_ digest: SHA256.Digest) {
        (w0, w1, w2, w3) = digest.withUnsafeBytes { b in
            (b.loadUnaligned(fromByteOffset: 0, as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             b.loadUnaligned(fromByteOffset: 16, as: UInt64.self), b.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
    }

    /// The digest written as 64 lower-case hex digits (as ``hex`` writes it), or nil for any
    /// other text: an upper-case or short digest is not the one recorded.
    init?(hex text: UnsafeRawBufferPointer) {
        guard text.count == 64 else { return nil }
        // Byte j of word k is digest byte 8k + j, as ``init(_:)`` loads them (little-endian).
        func word(_ k: Int) -> UInt64? {
            var w: UInt64 = 0
            for j in 0..<8 {
                let i = 8 * k + j
                guard let hi = Self.nibble(text[2 * i]), let lo = Self.nibble(text[2 * i + 1]) else { return nil }
                w |= UInt64(hi << 4 | lo) << (UInt64(j) * 8)
            }
            return UInt64(littleEndian: w)
        }
        guard let a = word(0), let b = word(1), let c = word(2), let d = word(3) else { return nil }
        w0 = a; w1 = b; w2 = c; w3 = d
    }

    /// Lower-case hexadecimal, as audit entries record it.
    var hex: String {
        withUnsafeBytes(of: (w0, w1, w2, w3)) { $0.hexString }
    }

    @inline(__always) private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

/// A subject's key as `audit verify` indexes it: a number when the text is the canonical
/// decimal of an `Int64` (as integer keys are written), else the text. Two keys are equal
/// exactly when their texts are.
struct SubjectKey: Hashable, Sendable {
    var number: Int64
    /// Nil when the key is ``number`` written in decimal.
    var text: String?

    init(_ number: Int64) { self.number = number; text = nil }

    init(bytes: UnsafeRawBufferPointer) {
        if let n = Self.canonicalInteger(bytes) { number = n; text = nil } else {
            number = 0; text = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The key as it is printed (`42`, `amina`).
    var description: String { text ?? String(number) }

    /// The value of `bytes` when they are exactly `String(value)`: an optional minus, digits,
    /// no leading zero (and no `-0`), within range.
    static func canonicalInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { i = 1 }
        let digits = bytes.count - i
        guard digits > 0, digits <= 19 else { return nil }
        if bytes[i] == UInt8(ascii: "0") && (digits > 1 || negative) { return nil }
        var value: Int64 = 0
        while i < bytes.count {
            let c = bytes[i]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(c - UInt8(ascii: "0")))
                                   : m.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return value
    }
}
