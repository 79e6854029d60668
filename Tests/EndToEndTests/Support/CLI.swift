import Foundation
import Testing

/// Runs the built `clearance` binary, the way a clinic's scripts do.
struct CLI {
    /// Where `swift build` put the executable (beside the test bundle).
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("clearance")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/clearance")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// stdout parsed as JSON.
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    }

    var environment: [String: String]

    /// A CLI bound to a fresh database in a temporary directory.
    init(database: String, user: String = "clerk", password: String = "demo", extra: [String: String] = [:]) {
        var env = ProcessInfo.processInfo.environment
        env["CLEARANCE_DB"] = database
        env["CLEARANCE_USER"] = user
        env["CLEARANCE_PASSWORD"] = password
        env["NO_COLOR"] = "1"
        for (k, v) in extra { env[k] = v }
        self.environment = env
    }

    /// The same CLI signed in as another user.
    func `as`(_ user: String, password: String = "demo") -> CLI {
        var c = self
        c.environment["CLEARANCE_USER"] = user
        c.environment["CLEARANCE_PASSWORD"] = password
        return c
    }

    /// Runs `clearance args...` with `stdin` as standard input.
    @discardableResult
    func run(_ args: [String], stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func run(_ args: String...) throws -> Result { try run(args) }
}

/// A fresh temporary directory, removed by the caller when done.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs the sqlite3 shell on a database (to change rows behind the application's back).
func sqlite(_ db: String, _ sql: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [db, sql]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A demo database shared by tests that only read from it, or that each work on their own case.
func demoDatabase() throws -> (dir: URL, cli: CLI) {
    let dir = try temporaryDirectory()
    let db = dir.appendingPathComponent("demo.sqlite").path
    let cli = CLI(database: db)
    let r = try cli.run("demo", "--db", db)
    #expect(r.status == 0, "demo failed: \(r.stderr)")
    return (dir, cli)
}
