import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One benchmark figure: name, value, unit, and the target it is judged against.
struct Figure {
    var name: String
    var value: Double
    var unit: String
    var target: String = ""

    var json: [String: Any] { ["name": name, "value": value, "unit": unit, "target": target] }
}

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The value at quantile `q` (0...1) of unsorted samples.
func quantile(_ samples: [Double], _ q: Double) -> Double {
    guard !samples.isEmpty else { return .nan }
    let s = samples.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded()))]
}

/// Starts a new peak-memory window: on Linux the kernel's high-water mark (`VmHWM`) is reset to
/// the current resident size (`/proc/self/clear_refs`), so that a section's peak is its own and
/// not that of an earlier section. Returns false where that is not possible.
func resetPeakMemory() -> Bool {
    // The reset clears getrusage's peak too: keep the process peak so far for peakMemoryMiB().
    peakBeforeResets = max(peakBeforeResets, peakMemoryMiB())
    #if os(Linux)
    // Hand memory freed by earlier sections back to the system first, so that the window
    // starts from what is really in use.
    // malloc_trim is glibc's and not in Swift's Glibc module: look it up (RTLD_DEFAULT is null).
    if let symbol = dlsym(nil, "malloc_trim") {
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
    #endif
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
    return true
}

/// Peak resident memory since the last ``resetPeakMemory()`` (`VmHWM`), MiB; nil when unreadable.
func windowPeakMemoryMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
    return kib / 1024
}

/// The process's peak before the last ``resetPeakMemory()``, MiB.
nonisolated(unsafe) private var peakBeforeResets: Double = 0

/// Peak resident memory of this process so far (across peak-window resets), MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return max(peakBeforeResets, Double(usage.ru_maxrss) / 1024)
}
