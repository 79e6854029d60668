import ArgumentParser
import Foundation

/// `swift run -c release clearance-bench`: every speed and memory figure of the project, each
/// with its baseline measured in the same run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearance-bench",
        abstract: "Measure Clearance: storage, images, certificates, terminal. Prints a table, or JSON with --json.")

    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Small sizes (10,000 encounters, 100,000 persons) for a quick look.") var quick = false
    @Option(help: "Sections to run: store, imaging, certificate, terminal, exchange (comma-separated).") var only: String = "store,imaging,certificate,terminal,exchange"
    @Option(help: "Encounters to import (default 100,000; 10,000 with --quick).") var encounters: Int?
    @Option(help: "Persons for the lookup figures (default 1,000,000; 100,000 with --quick).") var persons: Int?
    @Option(help: "Working directory for benchmark files.") var workDir: String = NSTemporaryDirectory() + "clearance-bench"

    func run() throws {
        let dir = URL(fileURLWithPath: workDir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sections = Set(only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        var figures: [Figure] = []
        var failures: [String] = []
        func section(_ name: String, _ body: () throws -> [Figure]) {
            guard sections.contains(name) else { return }
            if !json { FileHandle.standardError.write(Data("running \(name)...\n".utf8)) }
            // A section that cannot run is reported; the others' figures still print.
            do { figures += try body() } catch {
                failures.append("\(name): \(error)")
                FileHandle.standardError.write(Data("section \(name) failed: \(error)\n".utf8))
            }
        }
        section("store") {
            try StoreBench(workDir: dir, encounters: encounters ?? (quick ? 10_000 : 100_000), persons: persons ?? (quick ? 100_000 : 1_000_000)).run()
        }
        section("exchange") { try ExchangeBench(workDir: dir, encounters: encounters ?? (quick ? 10_000 : 100_000)).run() }
        section("imaging") { try runImagingBenchmark(workDir: dir).map { Figure(name: $0.name, value: $0.value, unit: $0.unit) } }
        section("certificate") { try runCertificateBenchmark(workDir: dir).map { Figure(name: $0.name, value: $0.value, unit: $0.unit) } }
        section("terminal") { try runTerminalBenchmark().map { Figure(name: $0.name, value: $0.value, unit: $0.unit) } }
        figures.append(Figure(name: "peak_memory_mib", value: peakMemoryMiB(), unit: "MiB"))

        if json {
            let data = try JSONSerialization.data(withJSONObject: ["figures": figures.map(\.json), "failed_sections": failures,
                                                                   "summary": Dictionary(figures.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })],
                                                  options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let w = max(28, figures.map(\.name.count).max() ?? 0)
            print("\("figure".padding(toLength: w, withPad: " ", startingAt: 0))  \("value".padding(toLength: 14, withPad: " ", startingAt: 0))  unit / target")
            for f in figures {
                let v = f.value >= 1000 ? String(format: "%.0f", f.value) : String(format: "%.3f", f.value)
                print("\(f.name.padding(toLength: w, withPad: " ", startingAt: 0))  \(v.padding(toLength: 14, withPad: " ", startingAt: 0))  \(f.unit)\(f.target.isEmpty ? "" : "  (target \(f.target))")")
            }
            for f in failures { print("FAILED SECTION \(f)") }
        }
    }
}
