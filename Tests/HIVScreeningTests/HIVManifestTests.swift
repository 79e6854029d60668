import ClearanceCore
import Testing
@testable import HIVScreening

@Suite struct HIVManifestTests {
    @Test func confidentialToCounsellorsAndMedicalOfficers() {
        let m = hiv.manifest
        #expect(m.id == "hiv")
        #expect(m.version == SemanticVersion(1, 0, 0))
        #expect(m.confidential)
        #expect(m.recordRoles == [.counsellor, .medicalOfficer])
        #expect(m.canRead([.counsellor]))
        #expect(!m.canRead([.nurse]))
        #expect(!m.canRead([.clerk, .audiometrist]))
        #expect(Set(m.title.translations.keys) == ["en", "fr", "es"])
    }

    @Test func everyCodeIsDeclaredWithThreeLanguages() {
        let codes = hiv.manifest.resultCodes
        #expect(codes.map(\.code) == ["HIV-NEG", "HIV-POS", "HIV-INCONCLUSIVE", "HIV-DECLINED", "HIV-NOT-TESTED"])
        #expect(codes.allSatisfy { Set($0.meaning.translations.keys) == ["en", "fr", "es"] })
    }

    @Test func certificateNeverShowsTheStatus() {
        let recorded = LocalDate(year: 2026, month: 11, day: 21)!
        let positive = tested(["a1_result": "reactive", "a2_result": "reactive", "a3_result": "reactive"])
        let entries = [positive, tested(["a1_result": "non-reactive"]), Answers(["consent": .bool(false)])].map {
            hiv.certificateEntry($0, derivation: hiv.derive($0, context: context()), recordedOn: recorded)
        }
        #expect(entries.allSatisfy { $0 == CertificateEntry(test: "HIV counselling and testing", date: recorded,
                                                             done: true, anchorDate: nil) })
    }
}
