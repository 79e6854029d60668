import ClearanceService

// What commands that write a file print with --json: the file, what it holds and its size.

/// `certificate export --json` (one certificate; `--since` prints a list of them).
struct CertificateFileView: JSONView {
    var id: String
    var file: String
    var bytes: Int
}

/// `certificate revocations --json`: the list written and how many entries it has.
struct RevocationListFileView: JSONView {
    var file: String
    var entries: Int
}

/// `attachment export --json`: the attachment, the file written, which rendition and its size.
struct AttachmentFileView: JSONView {
    var attachment: AttachmentView
    var file: String
    var rendition: String
    var byteSize: Int
    enum CodingKeys: String, CodingKey { case attachment, file, rendition, byteSize = "byte_size" }
}

/// `audiogram --json`: the encounter drawn, the PNG written, its size, and the attachment it
/// was stored as (null without --attach).
struct AudiogramFileView: JSONView {
    var encounter: Int64
    var file: String
    var byteSize: Int
    @NullWhenNil var attachment: AttachmentView?
    enum CodingKeys: String, CodingKey { case encounter, file, byteSize = "byte_size", attachment }
}

/// `export csv --json`: the files written, the encounters in them, and the columns left out
/// because they are restricted to other roles.
struct CSVExportFilesView: JSONView {
    var files: [String]
    var encounters: Int
    var withheldColumns: [String]
    enum CodingKeys: String, CodingKey { case files, encounters, withheldColumns = "withheld_columns" }
}

/// `report daily --out F --json`: the register with the file written and its format.
struct DailyRegisterFileView: JSONView {
    var register: DailyRegister
    var out: String
    var format: String
    enum CodingKeys: String, CodingKey { case out, format }
    func encode(to encoder: Encoder) throws {
        try register.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(out, forKey: .out); try c.encode(format, forKey: .format)
    }
}

/// `audit anchor --json`: the anchor file, the entry and hash it holds, the key that signed it
/// and when it was taken.
struct AuditAnchorFileView: JSONView {
    var file: String
    var entry: Int64
    var hash: String
    var keyID: String
    var taken: String
    enum CodingKeys: String, CodingKey { case file, entry, hash, keyID = "key_id", taken }
}

/// `backup keygen --json` and the like: the private and public key files written.
struct KeyPairFilesView: JSONView {
    var privateKey: String
    var publicKey: String
    enum CodingKeys: String, CodingKey { case privateKey = "private_key", publicKey = "public_key" }
}
