import Foundation

/// A person's name in the scripts an export needs: as written on the document, and in Latin
/// letters for systems that cannot show other scripts.
public enum PersonNames {
    /// The ISO 15924 code of the script a name is written in: `Latn`, `Cyrl`, `Arab`, ...
    /// (the first letter outside Latin decides; `Zyyy` when there are no letters).
    public static func script(of text: String) -> String {
        var sawLatin = false
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x41...0x24F, 0x1E00...0x1EFF: sawLatin = true
            case 0x370...0x3FF: return "Grek"
            case 0x400...0x52F: return "Cyrl"
            case 0x530...0x58F: return "Armn"
            case 0x590...0x5FF: return "Hebr"
            case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return "Arab"
            case 0x900...0x97F: return "Deva"
            case 0xE00...0xE7F: return "Thai"
            case 0x10A0...0x10FF: return "Geor"
            case 0x1200...0x139F: return "Ethi"
            case 0x3040...0x30FF: return "Jpan"
            case 0x4E00...0x9FFF: return "Hani"
            case 0xAC00...0xD7AF: return "Hang"
            default: return "Zyyy"
            }
        }
        return sawLatin ? "Latn" : "Zyyy"
    }

    /// The name in plain Latin letters (ICU `Any-Latin; Latin-ASCII`), or nil when it is
    /// already written in Latin script (diacritics are kept as written).
    public static func latin(surname: String, given: String) -> (surname: String, given: String)? {
        guard script(of: surname + given) != "Latn" else { return nil }
        let transform = StringTransform("Any-Latin; Latin-ASCII")
        func latin(_ s: String) -> String { s.applyingTransform(transform, reverse: false) ?? s }
        return (latin(surname), latin(given))
    }
}

/// Content addresses of attachment bytes.
public enum ContentHash {
    /// The RFC 6920 `ni` URI of a SHA-256 digest given as hex: `ni:///sha-256;<base64url>`.
    public static func niURI(sha256Hex hex: String) -> String {
        var bytes: [UInt8] = []
        var chars = Array(hex.utf8)
        if chars.count % 2 == 1 { chars.insert(UInt8(ascii: "0"), at: 0) }
        for i in stride(from: 0, to: chars.count, by: 2) {
            bytes.append(UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) ?? 0)
        }
        let b64 = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "ni:///sha-256;\(b64)"
    }
}
