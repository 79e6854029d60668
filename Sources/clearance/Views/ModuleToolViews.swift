import ClearanceCore
import ClearanceService

// What the module author's tools print with --json (`modules test`, `modules diff`, packs).

/// `modules test --json`: the module, how many cases passed and failed, and each case.
struct ModuleTestReportView: JSONView {
    /// One case: its name, line, whether it passed and what differed.
    struct Case: Encodable { var name: String; var line: Int; var passed: Bool; var differences: [String] }
    var module: String
    var passed: Int
    var failed: Int
    var cases: [Case]

    init(module: String, results: [ModuleTestResult]) {
        self.module = module
        failed = results.filter { !$0.passed }.count
        passed = results.count - failed
        cases = results.map { Case(name: $0.name, line: $0.line, passed: $0.passed, differences: $0.differences) }
    }
}

/// `modules diff --json`: whether the new form is compatible or identical, the verdict, each
/// side's file, version and hash, and each change with its severity and place.
struct FormDiffView: JSONView {
    /// One side of the comparison.
    struct Side: Encodable { var file: String; var version: String; var hash: String }
    /// One change between the forms (`field` null when it is about the form as a whole).
    struct Change: Encodable {
        var severity: String
        @NullWhenNil var field: String?
        var message: String
        var file: String
        var line: Int
    }
    var compatible: Bool
    var identical: Bool
    var verdict: String
    var old: Side
    var new: Side
    var changes: [Change]
}

/// `modules pack keygen --json`: the new publisher key's id and its private and public key text.
struct PublisherKeyPairView: JSONView {
    var keyID: String
    var privateKey: String
    var publicKey: String
    enum CodingKeys: String, CodingKey { case keyID = "key_id", privateKey = "private_key", publicKey = "public_key" }
}

/// `modules pack build --json`: the pack file written, its name, version, publisher key and
/// digest, and each file inside with its kind and digest.
struct ModulePackFileView: JSONView {
    /// One file inside the pack.
    struct Entry: Encodable { var path: String; var kind: String; var sha256: String }
    var file: String
    var name: String
    var version: String
    var publisherKeyID: String
    var sha256: String
    var files: [Entry]
    enum CodingKeys: String, CodingKey { case file, name, version, publisherKeyID = "publisher_key_id", sha256, files }
}

/// What `modules publisher remove` and `modules pack remove` print: what was removed.
struct RemovedView: JSONView {
    var removed: String
}

/// `modules allow-unsigned` / `refuse-unsigned --json`: whether unsigned module files load (`allowed`, `refused`).
struct UnsignedModulesView: JSONView {
    var unsignedModules: String
    enum CodingKeys: String, CodingKey { case unsignedModules = "unsigned_modules" }
}
