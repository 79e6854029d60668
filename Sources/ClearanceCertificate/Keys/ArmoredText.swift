import Foundation

/// The PEM-like text wrapping used for Clearance key files:
///
/// ```
/// -----BEGIN CLEARANCE PUBLIC KEY-----
/// Key-Id: 3f1c0a9be2d47710
/// <base64 of the raw key>
/// -----END CLEARANCE PUBLIC KEY-----
/// ```
enum ArmoredText {
    /// Wraps `bytes` under `label` with a `Key-Id` header.
    static func encode(label: String, keyID: KeyID, bytes: Data) -> String {
        "-----BEGIN \(label)-----\nKey-Id: \(keyID.hex)\n\(bytes.base64EncodedString())\n-----END \(label)-----\n"
    }

    /// Unwraps text written by `encode`; returns the header key id and the bytes, or a reason.
    static func decode(label: String, text: String) -> Result<(keyID: KeyID?, bytes: Data), ArmorFailure> {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----") else {
            return .failure(ArmorFailure(reason: "no '-----BEGIN \(label)-----' line"))
        }
        guard let end = lines.firstIndex(of: "-----END \(label)-----"), end > begin else {
            return .failure(ArmorFailure(reason: "no '-----END \(label)-----' line after the BEGIN line"))
        }
        var keyID: KeyID?
        var body = ""
        for line in lines[(begin + 1)..<end] {
            if line.hasPrefix("Key-Id:") {
                let value = line.dropFirst("Key-Id:".count).trimmingCharacters(in: .whitespaces)
                guard let id = KeyID(hex: value) else {
                    return .failure(ArmorFailure(reason: "Key-Id '\(value)' is not 16 hex characters"))
                }
                keyID = id
            } else {
                body += line
            }
        }
        guard let bytes = Data(base64Encoded: body) else {
            return .failure(ArmorFailure(reason: "the key body is not valid base64"))
        }
        return .success((keyID, bytes))
    }

    struct ArmorFailure: Error { let reason: String }
}
