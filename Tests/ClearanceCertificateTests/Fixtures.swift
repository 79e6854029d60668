import ClearanceCertificate
import ClearanceCore
import Foundation

/// SplitMix64: a seeded generator for reproducible certificate ids.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Fixtures {
    static func date(_ text: String) -> LocalDate {
        guard let d = LocalDate(text) else { fatalError("bad fixture date \(text)") }
        return d
    }

    static func key(seed: UInt8 = 1) throws -> SigningKey {
        try SigningKey(rawRepresentation: Data(repeating: seed, count: 32))
    }

    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_780_300_800) } // 2026-06-01

    static var renderer: CertificateRenderer { CertificateRenderer(clock: clock) }

    /// A 40x50 photo: a face-like oval on a light background, made in code.
    static func photo(width: Int = 40, height: Int = 50) throws -> CertificatePhoto {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let dx = Double(x - width / 2) / Double(width) * 2.6
                let dy = Double(y - height * 2 / 5) / Double(height) * 2.4
                let inFace = dx * dx + dy * dy < 0.55
                let inBody = y > height * 3 / 4 && abs(x - width / 2) < width * 2 / 5
                let i = (y * width + x) * 3
                let (r, g, b): (UInt8, UInt8, UInt8) = inFace ? (196, 150, 120) : inBody ? (40, 60, 110) : (215, 225, 235)
                rgb[i] = r; rgb[i + 1] = g; rgb[i + 2] = b
            }
        }
        return try CertificatePhoto(width: width, height: height, rgb: rgb)
    }

    /// A complete certificate (unsigned) for `surname`/`given`.
    static func document(surname: String = "OKAFOR", given: String = "Ada Chiamaka",
                         outcome: CertificateOutcome = .fitWithConditions,
                         conditions: [String] = ["Review by a chest physician within 3 months of arrival."],
                         seed: UInt64 = 7) -> CertificateDocument {
        var random = SeededRandom(state: seed)
        return CertificateDocument(
            certificateID: CertificateID.generate(using: &random),
            clinicName: "Nairobi Migration Health Centre", clinicAddress: "Upper Hill Road, Nairobi", siteCode: "KE-NBO-01",
            programme: "US panel (us-panel)", destination: "United States",
            person: CertificatePerson(surname: surname, givenNames: given, dateOfBirth: date("1990-02-28"),
                                      sex: "Female", nationality: "NGA", documentType: "Passport",
                                      documentNumber: "A01234567"),
            examinationStart: date("2026-05-20"), examinationEnd: date("2026-05-28"),
            validityAnchor: CertificateValidityAnchor(event: "Chest X-ray", date: date("2026-05-21")),
            tests: [CertificateTestLine(test: "Chest X-ray", date: date("2026-05-21"), done: true),
                    CertificateTestLine(test: "Tuberculosis screening", date: date("2026-05-20"), done: true),
                    CertificateTestLine(test: "Blood tests with counselling", date: date("2026-05-20"), done: true),
                    CertificateTestLine(test: "Audiometry", date: nil, done: false)],
            outcome: outcome, conditions: conditions,
            issueDate: date("2026-06-01"), expiryDate: date("2026-11-21"),
            officer: CertificateOfficer(name: "Dr. Wanjiru Kamau", registrationNumber: "KMPDC A-12345"))
    }

    /// The reason fixtures give for a certificate rendered without a photo.
    static let noPhotoReason = "Photo declined on religious grounds"

    /// Copies `data` to `$CLEARANCE_CERT_SAMPLES/name` when that variable is set, for looking at
    /// rendered certificates by eye.
    static func keepSample(_ data: Data, name: String) {
        guard let dir = ProcessInfo.processInfo.environment["CLEARANCE_CERT_SAMPLES"] else { return }
        try? data.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("clearance-cert-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a tool and returns its standard output and standard error as text.
    static func runCapturing(_ tool: String, _ arguments: [String]) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Runs a tool and returns its standard output as text.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension CertificateRenderer {
    /// Signs and renders `doc` with `key`; without a photo the document states
    /// `Fixtures.noPhotoReason` (unless it already states one).
    func signed(_ doc: CertificateDocument, photo: CertificatePhoto?, key: SigningKey) throws -> SignedCertificate {
        var doc = doc
        if photo == nil, doc.noPhotoReason == nil { doc.noPhotoReason = Fixtures.noPhotoReason }
        return try render(doc, photo: photo, signingKey: key)
    }

    /// The PDF bytes of ``signed(_:photo:key:)``.
    func pdf(_ doc: CertificateDocument, photo: CertificatePhoto?, key: SigningKey) throws -> Data {
        try signed(doc, photo: photo, key: key).pdf
    }
}
