import Foundation

/// Guards free-text certificate fields against screening result codes and HIV mentions.
///
/// A certificate states only the fitness outcome. Free text (outcome codes, conditions, test
/// names, programme) is checked for the module result-code namespaces so that a diagnosis cannot
/// slip onto the document by copy-paste.
enum ForbiddenContent {
    /// Upper-cased substrings that never appear in certificate free text.
    static let tokens = ["HIV", "TB-", "CXR-", "AUD-"]

    /// - Throws: `CertificateError.forbiddenContent` naming `field` and the token found.
    static func check(_ text: String, field: String) throws {
        let upper = text.uppercased()
        for token in tokens where upper.contains(token) {
            throw CertificateError(.forbiddenContent(field: field, token: token))
        }
    }
}
