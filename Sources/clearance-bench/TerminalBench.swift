import ClearanceCore
import ClearanceTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `tui_key_ms`: time from a key fed to the form core to a full re-rendered 80x24 frame
/// (ANSI string), on a 60-field form built in code, over 1000 keys (median and p99); then
/// `tui_first_frame_ms` (``runFirstFrameBenchmark(workDir:runs:)``).
func runTerminalBenchmark() throws -> [(name: String, value: Double, unit: String)] {
    let form = benchForm(fields: 60)
    let rules = FormEvaluator(form: form, context: ModuleContext(today: LocalDate(year: 2026, month: 1, day: 15)!))
    var session = FormSession(form: form, rules: rules, roles: [.nurse], today: rules.context.today)
    // A realistic mix: answer a yes/no, type a number, pick a choice, move on; now and then go back.
    let cycle: [Key] = [.char("y"), .tab, .char("1"), .char("2"), .tab, .char("2"), .tab, .backTab, .tab]
    var samples: [Double] = []
    samples.reserveCapacity(1000)
    var sink = 0
    for i in 0..<1000 {
        let key = cycle[i % cycle.count]
        let start = DispatchTime.now().uptimeNanoseconds
        session.handle(key)
        if session.outcome != nil || session.mode != .editing {
            session = FormSession(form: form, rules: rules, roles: [.nurse], today: rules.context.today)
        }
        sink &+= session.render(width: 80, height: 24).ansi(colour: true).utf8.count
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    precondition(sink > 0)
    samples.sort()
    let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("clearance-bench-terminal")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return [
        (name: "tui_key_ms_median", value: samples[samples.count / 2], unit: "ms"),
        (name: "tui_key_ms_p99", value: samples[samples.count * 99 / 100], unit: "ms"),
    ] + runTerminalBytesBenchmark() + (try runFirstFrameBenchmark(workDir: dir))
}

/// A form of `fields` fields cycling through yes/no, integer and select_one, with skip logic.
func benchForm(fields n: Int) -> FormSpec {
    var fields: [Field] = []
    for i in 0..<n {
        let name = "f\(i)"
        switch i % 3 {
        case 0:
            fields.append(Field(name: name, type: .yesNo, label: LocalizedText(["en": "Question \(i)?", "fr": "Question \(i) ?"]),
                                hint: "Answer yes or no", required: .always))
        case 1:
            fields.append(Field(name: name, type: .integer, label: LocalizedText(stringLiteral: "Measurement \(i)"), required: .always,
                                relevant: Expression(source: "${f\(i - 1)} = 'yes'",
                                                     root: .binary(op: "=", .field("f\(i - 1)"), .string("yes"))),
                                unit: "mm", min: 0, max: 40))
        default:
            fields.append(Field(name: name, type: .singleChoice, label: LocalizedText(stringLiteral: "Result \(i)"), choiceList: "result"))
        }
    }
    return FormSpec(id: "bench", version: "1", title: "Benchmark form", languages: ["en", "fr"], fields: fields,
                    choiceLists: ["result": [Choice(value: "pos", label: "Positive"), Choice(value: "neg", label: "Negative"),
                                             Choice(value: "ind", label: "Indeterminate")]])
}

// MARK: - First frame

/// `tui_first_frame_ms`: from starting the real `clearance` binary on a pseudo-terminal
/// (100x30) to the sign-in screen's text arriving on the terminal, median of `runs` starts
/// on a demo database (target <= 150 ms). The baseline `tui_first_frame_baseline_ms` is
/// the same measurement for `/bin/echo` (process start and pty overhead alone).
///
/// The binary is looked for next to this benchmark (`swift build -c release` puts both in
/// the same directory).
func runFirstFrameBenchmark(workDir: URL, runs: Int = 9) throws -> [(name: String, value: Double, unit: String)] {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let binary = here.appendingPathComponent("clearance").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        throw BenchError("no clearance binary next to the benchmark at \(binary); build it with `swift build -c release` (both products)")
    }
    let db = workDir.appendingPathComponent("first-frame.sqlite").path
    let demo = Process()
    demo.executableURL = URL(fileURLWithPath: binary)
    demo.arguments = ["demo", "--db", db, "--replace"]
    demo.standardOutput = FileHandle.nullDevice
    try demo.run(); demo.waitUntilExit()
    guard demo.terminationStatus == 0 else { throw BenchError("`clearance demo --db \(db)` failed (status \(demo.terminationStatus))") }
    let env = ["CLEARANCE_DB": db, "TERM": "xterm-256color", "NO_COLOR": "1", "PATH": "/usr/bin:/bin",
               "XDG_STATE_HOME": workDir.appendingPathComponent("state").path, "HOME": NSHomeDirectory()]
    var frames: [Double] = [], baseline: [Double] = []
    for _ in 0..<runs {
        frames.append(try timeToText(binary, [], environment: env, text: "User name"))
        baseline.append(try timeToText("/bin/echo", ["User name"], environment: env, text: "User name"))
    }
    return [(name: "tui_first_frame_ms", value: quantile(frames, 0.5), unit: "ms"),
            (name: "tui_first_frame_baseline_ms", value: quantile(baseline, 0.5), unit: "ms")]
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Milliseconds from starting `path` on a new 100x30 pseudo-terminal until `text` appears in
/// its output; the process is then terminated.
private func timeToText(_ path: String, _ args: [String], environment: [String: String], text: String) throws -> Double {
    // /dev/ptmx by hand: Glibc's module does not export posix_openpt/grantpt/unlockpt/ptsname.
    // TIOCSPTLCK and TIOCGPTN are Linux's ioctl numbers (asm-generic/ioctls.h).
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0, number: UInt32 = 0
    guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
        throw BenchError("cannot open a pseudo-terminal (/dev/ptmx): \(String(cString: strerror(errno)))")
    }
    defer { close(master) }
    let name = "/dev/pts/\(number)"
    var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    let slave = open(name, O_RDWR | O_NOCTTY)
    guard slave >= 0 else { throw BenchError("cannot open \(name): \(String(cString: strerror(errno)))") }
    let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.environment = environment
    p.standardInput = handle; p.standardOutput = handle; p.standardError = handle
    let start = now()
    try p.run()
    try handle.close()
    var seen = [UInt8]()
    let needle = Array(text.utf8)
    var buf = [UInt8](repeating: 0, count: 65536)
    var elapsed = Double.nan
    while now() - start < 10 {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 100) > 0 else { continue }
        let n = read(master, &buf, buf.count)
        if n <= 0 { break }
        seen += buf[0..<n]
        if seen.count >= needle.count, (0...(seen.count - needle.count)).contains(where: { i in seen[i..<(i + needle.count)].elementsEqual(needle) }) {
            elapsed = (now() - start) * 1000
            break
        }
    }
    if p.isRunning { kill(p.processIdentifier, SIGTERM) }
    p.waitUntilExit()
    guard elapsed.isFinite else { throw BenchError("\(path) did not show '\(text)' within 10 s") }
    return elapsed
}
