import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        do { try waitForPrompt() } catch { stop(); throw error }
    }

    private func waitForPrompt() throws {
        try waitFor("$", where: { $0.contains { $0.hasPrefix("$") } })
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        guard let exe = TmuxSession.executable else { throw Failure(description: "tmux is not installed") }
        // Output through a file, and spawned without Foundation's Process: the server that
        // `new-session` starts inherits the client's descriptors, so a pipe (or Process's own
        // exit-watch socket) would never close and the test would hang.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(file) }
        let status = try TmuxSession.spawnAndWait(exe, ["-L", socket] + args, output: file)
        let text = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
        guard status == 0 else { throw Failure(description: "tmux \(args.joined(separator: " ")) failed (\(status)): \(text)") }
        return text
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), looked up at run time since
    /// the Glibc module does not export it: the child closes every descriptor above 2.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(sym, to: AddCloseFrom.self)
    }()

    /// Runs `exe args` with stdin from /dev/null and stdout+stderr to `output`, closing every
    /// other descriptor in the child; returns its exit status.
    static func spawnAndWait(_ exe: String, _ args: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let addCloseFrom { _ = addCloseFrom(&actions, 3) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        // A clean signal state: test threads run with most signals blocked, and a blocked
        // SIGTERM/SIGHUP would be inherited by the server, its shell and the binary.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none); sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw Failure(description: "cannot start \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 { guard errno == EINTR else { break } }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
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
    func stop() {
        _ = try? tmux(["kill-server"])
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(dir)/tmux-\(getuid())/\(socket)")
    }
}
