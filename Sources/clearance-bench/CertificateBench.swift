import ClearanceCertificate
import ClearanceCore
import Foundation

/// A small deterministic generator (SplitMix64) so benchmark ids are reproducible.
private struct BenchRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Measures certificate signing and rendering.
///
/// - `certificate_ms`: median over 50 runs of signing one certificate and rendering its PDF with
///   a 400x500 photo and the QR code (one renderer, reused). The photo is a colour gradient with
///   sensor-like noise (±8 levels per pixel): a smooth gradient alone compresses far better than
///   a real face and flattered the figure (9 ms against 13 ms with the noise).
/// - `certificate_first_ms`: the first of those runs, which also reads and prepares the fonts
///   (what `clearance certificate issue` pays once per process).
/// - `batch_1000_per_s`: certificates signed and rendered per second over a batch of 1,000.
///
/// The last PDF is written to `workDir/bench-certificate.pdf` for inspection.
/// - Parameter workDir: A writable folder.
/// - Returns: The figures, each with its unit.
func runCertificateBenchmark(workDir: URL) throws -> [(name: String, value: Double, unit: String)] {
    let key = try SigningKey(rawRepresentation: Data(repeating: 7, count: 32))
    let renderer = CertificateRenderer(clock: { Date(timeIntervalSince1970: 1_780_000_000) })
    var pixels = [UInt8](repeating: 0, count: 400 * 500 * 3)
    var noise: UInt32 = 99
    for y in 0..<500 {
        for x in 0..<400 {
            let i = (y * 400 + x) * 3
            noise = noise &* 1_664_525 &+ 1_013_904_223
            let n = Int((noise >> 24) & 15) - 8
            pixels[i] = UInt8(clamping: x / 2 + n)
            pixels[i + 1] = UInt8(clamping: y / 2 + n)
            pixels[i + 2] = UInt8(clamping: (x + y) / 4 - n)
        }
    }
    let photo = try CertificatePhoto(width: 400, height: 500, rgb: pixels)
    var random = BenchRandom(state: 42)
    let issue = LocalDate(year: 2026, month: 6, day: 1) ?? LocalDate(dayNumber: 20605)

    func makeOne() throws -> Data {
        let doc = CertificateDocument(
            certificateID: CertificateID.generate(using: &random),
            clinicName: "Nairobi Migration Health Centre", clinicAddress: "Upper Hill Road, Nairobi", siteCode: "KE-NBO-01",
            programme: "US panel (us-panel)", destination: "United States",
            person: CertificatePerson(surname: "OKAFOR", givenNames: "Ada Chiamaka",
                                      dateOfBirth: issue.adding(days: -12_000), sex: "Female",
                                      nationality: "NGA", documentType: "Passport", documentNumber: "A01234567"),
            examinationStart: issue.adding(days: -9), examinationEnd: issue.adding(days: -2),
            validityAnchor: CertificateValidityAnchor(event: "Chest X-ray", date: issue.adding(days: -8)),
            tests: [CertificateTestLine(test: "Chest X-ray", date: issue.adding(days: -8), done: true),
                    CertificateTestLine(test: "Tuberculosis screening", date: issue.adding(days: -9), done: true),
                    CertificateTestLine(test: "Audiometry", date: nil, done: false)],
            outcome: .fit, conditions: [], issueDate: issue, expiryDate: issue.adding(months: 6),
            officer: CertificateOfficer(name: "Dr. Wanjiru Kamau", registrationNumber: "KMPDC A-12345"))
        return try renderer.render(doc, photo: photo, signingKey: key).pdf
    }

    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    var samples: [Double] = []
    var last = Data()
    for _ in 0..<50 {
        let start = clock.now
        last = try makeOne()
        samples.append(seconds(clock.now - start) * 1000)
    }
    let first = samples[0]
    samples.sort()
    let median = samples[samples.count / 2]
    try last.write(to: workDir.appendingPathComponent("bench-certificate.pdf"))

    let batchStart = clock.now
    for _ in 0..<1000 { _ = try makeOne() }
    let batchSeconds = seconds(clock.now - batchStart)

    return [(name: "certificate_ms", value: median, unit: "ms"),
            (name: "certificate_first_ms", value: first, unit: "ms"),
            (name: "batch_1000_per_s", value: 1000 / batchSeconds, unit: "certificates/s")]
}
