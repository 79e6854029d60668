@testable import ClearanceCertificate
import Foundation
import Testing

@Suite struct CertificateIDTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func generatedIDsHaveTheGroupedShapeAndAreValid() {
        var random = SeededRandom(state: 1)
        var seen = Set<CertificateID>()
        for _ in 0..<1000 {
            let id = CertificateID.generate(using: &random)
            let text = id.description
            #expect(text.count == 20)
            #expect(text.hasPrefix("CLR-"))
            let groups = text.split(separator: "-")
            #expect(groups.map(\.count) == [3, 4, 4, 4, 1])
            #expect(CertificateID.isValid(text))
            #expect(CertificateID(text) == id)
            #expect(!"*~$=U".contains(text.last ?? " "))   // never a shell special
            seen.insert(id)
        }
        #expect(seen.count == 1000)
    }

    @Test func sameSeedGivesSameIDs() {
        var a = SeededRandom(state: 99), b = SeededRandom(state: 99)
        #expect(CertificateID.generate(using: &a) == CertificateID.generate(using: &b))
    }

    @Test func parsingIsLenientOnCaseHyphensAndCrockfordAliases() throws {
        let id = CertificateID(value: 0x0123_4567_89AB_CDEF)
        let text = id.description
        #expect(CertificateID(text.lowercased()) == id)
        #expect(CertificateID(text.replacingOccurrences(of: "-", with: "")) == id)
        #expect(CertificateID(text.replacingOccurrences(of: "0", with: "O")) == id)
        #expect(!CertificateID.isValid("CLR-1234"))
        #expect(!CertificateID.isValid(""))
        #expect(!CertificateID.isValid("XYZ-7K3M-9QXD-4T2B-0"))
    }

    @Test func everySingleMistypedCharacterIsDetected() {
        var random = SeededRandom(state: 5)
        for _ in 0..<50 {
            let compact = Array(CertificateID.generate(using: &random).description.filter { $0 != "-" })
            for position in 3..<compact.count {
                for replacement in Self.alphabet where replacement != compact[position] {
                    var typo = compact
                    typo[position] = replacement
                    #expect(!CertificateID.isValid(String(typo)), "\(String(typo)) accepted")
                }
            }
        }
    }

    @Test func everyAdjacentTranspositionIsDetected() {
        var random = SeededRandom(state: 6)
        for _ in 0..<200 {
            let compact = Array(CertificateID.generate(using: &random).description.filter { $0 != "-" })
            for position in 3..<(compact.count - 1) where compact[position] != compact[position + 1] {
                var swapped = compact
                swapped.swapAt(position, position + 1)
                #expect(!CertificateID.isValid(String(swapped)), "\(String(swapped)) accepted")
            }
        }
    }
}
