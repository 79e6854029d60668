import Testing
@testable import ClearanceTerminal

@Suite struct KeyDecoderTests {
    func decode(_ bytes: [UInt8]) -> [Key] {
        var d = KeyDecoder()
        return d.feed(bytes) + d.flush()
    }

    @Test func arrowsHomeEndAndShiftTab() {
        #expect(decode([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x1B, 0x5B, 0x43, 0x1B, 0x5B, 0x44]) == [.up, .down, .right, .left])
        #expect(decode(Array("\u{1B}OA\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~".utf8)) == [.up, .home, .end, .home, .end])
        #expect(decode(Array("\u{1B}[Z".utf8)) == [.backTab])
        #expect(decode(Array("\u{1B}[1;5A\u{1B}[3~".utf8)) == [.up, .delete])
    }

    @Test func controlKeys() {
        #expect(decode([0x0D, 0x0A, 0x09, 0x7F, 0x08, 0x03, 0x04]) == [.enter, .enter, .tab, .backspace, .backspace, .ctrl("c"), .ctrl("d")])
    }

    @Test func utf8MultibyteEvenWhenSplit() {
        var d = KeyDecoder()
        let bytes = Array("é王😀".utf8)
        var keys: [Key] = []
        for b in bytes { keys += d.feed([b]) }
        #expect(keys == [.char("é"), .char("王"), .char("😀")])
        #expect(!d.hasPending)
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        #expect(decode([0xFF, 0x61]) == [.char("\u{FFFD}"), .char("a")])
        #expect(decode([0xE7, 0x61]) == [.char("\u{FFFD}"), .char("a")])
    }

    @Test func loneEscapeOnlyAfterFlush() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B]) == [])
        #expect(d.hasPending)
        #expect(d.flush() == [.escape])
        // A sequence split across reads is still one key.
        #expect(d.feed([0x1B, 0x5B]) == [])
        #expect(d.feed([0x5A]) == [.backTab])
        // ESC followed by a letter: escape, then the letter.
        #expect(decode([0x1B, 0x61]) == [.escape, .char("a")])
    }
}
