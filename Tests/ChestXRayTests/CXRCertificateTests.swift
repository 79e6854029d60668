import ClearanceCore
import Testing
@testable import ChestXRay

/// The certificate line is anchored on the X-ray date, or says "not done".
@Suite struct CXRCertificateTests {
    let module = CXRFixtures.module
    let recorded = LocalDate("2026-03-14")!

    @Test func doneIsAnchoredOnTheXRayDate() {
        let a = CXRFixtures.reading("normal")
        let entry = module.certificateEntry(a, derivation: module.derive(a, context: CXRFixtures.context), recordedOn: recorded)
        #expect(entry == CertificateEntry(test: "Chest X-ray", date: CXRFixtures.xrayDate, done: true,
                                          anchorDate: CXRFixtures.xrayDate))
    }

    @Test func notDoneHasNoAnchor() {
        let a = CXRFixtures.notDone()
        let entry = module.certificateEntry(a, derivation: module.derive(a, context: CXRFixtures.context), recordedOn: recorded)
        #expect(entry == CertificateEntry(test: "Chest X-ray", date: recorded, done: false, anchorDate: nil))
    }
}
