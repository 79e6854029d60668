import Foundation
import Testing
@testable import ClearanceTerminal

/// Every catalogue key the command line, the service's errors and the certificate ask for is in
/// `Forms/messages/en.yaml` (and so, by ``HostTextTests``, in every language).
@Suite struct CatalogueKeysTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first capture of `pattern` in every Swift file under `folders`, prefixed with `prefix`.
    func keys(_ pattern: String, in folders: [String], prefix: String = "") throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: pattern)
        var out = Set<String>()
        for folder in folders {
            let base = Self.root.appendingPathComponent(folder)
            for name in try #require(FileManager.default.enumerator(atPath: base.path)).compactMap({ $0 as? String }) where name.hasSuffix(".swift") {
                let text = try String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
                for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    out.insert(prefix + String(text[Range(m.range(at: 1), in: text)!]))
                }
            }
        }
        return out
    }

    @Test func everyKeyTheCLIAndServiceUseIsInTheCatalogue() throws {
        let en = try #require(HostText.catalogues["en"])
        let cli = try keys(#"CLIText\.t\("([a-z_]+\.[a-z_]+)""#, in: ["Sources/clearance"])
        let service = try keys(#"(?:catalogued\([^,]+, |key: )"([a-z_]+\.[a-z_]+)""#, in: ["Sources/clearance", "Sources/ClearanceService"])
        #expect(cli.count >= 3 && service.count >= 12, "\(cli) \(service)")
        let used = cli.union(service)
        #expect(used.subtracting(en.keys).isEmpty, "not in Forms/messages/en.yaml: \(used.subtracting(en.keys).sorted())")
    }

    @Test func everyCertificateLabelIsInTheCatalogue() throws {
        let en = try #require(HostText.catalogues["en"])
        let labels = try keys(#"(?:labels(?:\.local)?|CertificateLabels\.english|field|sectionHeading|\bl)\("([a-z_]+)""#,
                              in: ["Sources/ClearanceCertificate"], prefix: "pdf.")
        #expect(labels.count >= 30, "\(labels.sorted())")
        #expect(labels.subtracting(en.keys).isEmpty, "not in Forms/messages/en.yaml: \(labels.subtracting(en.keys).sorted())")
    }
}
