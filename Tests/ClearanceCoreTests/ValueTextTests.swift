import ClearanceCore
import Crypto
import Foundation
import Testing

/// The hand-written text forms of dates and digests (the save path formats and parses these
/// on every save) agree with the obvious definitions.
@Suite struct ValueTextTests {
    @Test func datesParseExactlyAndPrintPadded() {
        #expect(LocalDate("2026-02-28") == LocalDate(year: 2026, month: 2, day: 28))
        #expect(LocalDate("0001-01-01")?.description == "0001-01-01")
        #expect(LocalDate("9999-12-31")?.description == "9999-12-31")
        #expect(LocalDate(year: 987, month: 3, day: 4)?.description == "0987-03-04")
        for bad in ["2026-02-30", "2026-2-28", "2026-02-280", "2026/02/28", "+026-02-28", "2026-+2-28", "2026-02-2a",
                    "", "2026-02-28 ", "202６-02-28", "0000-01-01", "2025-02-29"] {
            #expect(LocalDate(bad) == nil, "\(bad) must not parse")
        }
        #expect(LocalDate("2024-02-29") != nil)
        // Every day of four years round-trips through its text.
        var d = LocalDate(year: 2023, month: 1, day: 1)!
        for _ in 0..<(4 * 366) {
            #expect(LocalDate(d.description) == d)
            d = d.adding(days: 1)
        }
    }

    @Test func digestHexMatchesByteHex() {
        let digest = SHA256.hash(data: Data("clearance".utf8))
        let bytes = Array(digest)
        #expect(digest.hexString == bytes.hexString)
        #expect(digest.hexString == bytes.map { String(format: "%02x", $0) }.joined())
        #expect([UInt8](arrayLiteral: 0, 9, 10, 15, 16, 255).hexString == "00090a0f10ff")
    }
}
