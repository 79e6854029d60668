import Foundation

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

/// Peak resident memory of this process so far, MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}
