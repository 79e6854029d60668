import Testing
@testable import ClearanceTerminal

@Suite struct DisplayWidthTests {
    @Test func latinCyrillicArabicAreOneColumnEach() {
        #expect("Ivanov".displayWidth == 6)
        #expect("Иванова".displayWidth == 7)
        #expect("محمد".displayWidth == 4)
    }

    @Test func cjkAndFullwidthAreTwoColumns() {
        #expect("王秀英".displayWidth == 6)
        #expect("キム".displayWidth == 4)
        #expect("김민준".displayWidth == 6)
        #expect("ＡＢ".displayWidth == 4)
    }

    @Test func combiningMarksAndJoinersTakeNoColumn() {
        #expect("Jose\u{301}".displayWidth == 4)
        #expect("José".displayWidth == 4)
        #expect("مُحَمَّد".displayWidth == 4)   // Arabic with harakat
        #expect("a\u{200D}b".displayWidth == 2)
        #expect("👩‍👩‍👧".displayWidth == 2)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        let t = "王秀英王秀英".truncated(toColumns: 6)
        #expect(t.displayWidth <= 6)
        #expect(t == "王秀…")
        #expect("王秀英".truncated(toColumns: 6) == "王秀英")
        #expect("abc".truncated(toColumns: 0) == "")
        let p = "王秀英王".padded(toColumns: 7)
        #expect(p.displayWidth == 7)
        #expect(p == "王秀英…")
    }

    @Test func paddingCountsColumnsNotCharacters() {
        #expect("王".padded(toColumns: 4) == "王  ")
        #expect("e\u{301}".padded(toColumns: 3).displayWidth == 3)
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        #expect("a\u{1B}[2Jb".terminalSafe == "a\u{FFFD}[2Jb")
        #expect("plain".terminalSafe == "plain")
    }
}
