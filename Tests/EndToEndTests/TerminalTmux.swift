import Foundation

/// A private tmux server (its own `-L` socket) running one session, for driving the built
/// binary on a real terminal: keys in with `send-keys`, screen out with `capture-pane`.
///
/// Every wait polls the screen until the text appears or a timeout passes (no fixed sleeps).
/// ``stop()`` kills the server; call it in a `defer`.
final class TmuxSession {
    /// The tmux executable on PATH, or nil when tmux is not installed.
    static let executable: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        return (paths + ["/usr/bin", "/usr/local/bin"]).map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let socket = "clearance-test-\(UUID().uuidString.prefix(8))"
    let target = "t"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Starts a detached session of `width`x`height` running a plain bash whose prompt is `$ `,
    /// with `environment` exported.
    init(width: Int, height: Int, environment: [String: String]) throws {
        let exports = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(TmuxSession.quote($0.value))" }.joined(separator: " ")
        let command = "env -i HOME=\(TmuxSession.quote(NSHomeDirectory())) PATH=/usr/bin:/bin TERM=xterm-256color \(exports) PS1='$ ' bash --norc --noprofile"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), command])
        _ = try waitFor("$ ")
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        guard let exe = TmuxSession.executable else { throw Failure(description: "tmux is not installed") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["-L", socket] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0 else { throw Failure(description: "tmux \(args.joined(separator: " ")) failed: \(text)") }
        return text
    }

    /// Types text literally (no key names).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }
    /// Sends named keys: `Enter`, `Tab`, `Escape`, `C-c`, `Down`.
    func keys(_ names: String...) throws { try tmux(["send-keys", "-t", target] + names) }
    /// Types a shell command line and presses Enter.
    func shell(_ line: String) throws { try type(line); try keys("Enter") }

    /// The visible screen, one string per row (trailing blanks trimmed by tmux).
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", target]).components(separatedBy: "\n")
    }

    /// Polls the screen every 20 ms until `text` shows (or `predicate` holds); throws with
    /// the last screen after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30, where predicate: (([String]) -> Bool)? = nil) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if let predicate { if predicate(last) { return last } } else if last.joined(separator: "\n").contains(text) { return last }
            usleep(20_000)
        }
        throw Failure(description: "timed out after \(timeout)s waiting for '\(text)'; screen:\n" + last.joined(separator: "\n"))
    }

    /// The pid of the process running in the pane's shell (the binary), if any.
    func childPID() throws -> Int32? {
        let shellPID = try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        p.arguments = ["-P", shellPID]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.flatMap { Int32($0) }
    }

    /// Kills the private server and every process in it.
    func stop() { _ = try? tmux(["kill-server"]) }
}
