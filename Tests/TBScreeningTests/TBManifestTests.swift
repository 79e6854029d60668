import ClearanceCore
import Testing
@testable import TBScreening

/// The manifest: id, version, roles, every result code translated.
@Suite struct TBManifestTests {
    let manifest = TBFixtures.module.manifest

    @Test func identity() {
        #expect(manifest.id == "tb")
        #expect(TBScreeningModule.formFile == "tb.yaml")
        #expect(manifest.version == SemanticVersion(2, 0, 0), "2.0.0: the case's own HIV-POS makes sputum required")
        #expect(manifest.hostAPI.contains(hostAPIVersion))
        #expect(manifest.canRecord([.nurse]))
        #expect(manifest.canRecord([.clerk]), "clerks administer the symptom questionnaire")
        #expect(!manifest.canRecord([.radiographer, .audiometrist]))
        #expect(!manifest.canRead([.audiometrist]))
    }

    @Test func everyCodeIsListedAndTranslated() {
        #expect(manifest.resultCodes.map(\.code) == ["TB-NONE", "TB-A", "TB-B0", "TB-B1-PULM", "TB-B1-EXTRA",
                                                     "TB-B2", "TB-B3", "TB-PENDING"])
        for text in manifest.resultCodes.map(\.meaning) + [manifest.title] {
            #expect(Set(text.translations.keys) == ["en", "fr", "es"])
            #expect(!text.translations.values.contains(""))
        }
    }
}
