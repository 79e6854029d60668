import Foundation

/// Reads back what a PDF page shows: its text and its raster images.
///
/// Verification compares the signed facts with what a reader of the page sees, so it reads the
/// page with a real PDF reader rather than trusting the bytes it wrote. The default is poppler
/// (`pdftotext -layout`, `pdfimages`, from Debian's poppler-utils); tests may inject another.
///
/// ```swift
/// let text = try PDFPageReader.poppler.text(pdfBytes)
/// ```
public struct PDFPageReader: Sendable {
    /// The page text, lines in physical layout.
    public var text: @Sendable (Data) throws -> String
    /// Every raster image, as decoded RGB pixels.
    public var images: @Sendable (Data) throws -> [CertificatePhoto]

    public init(text: @escaping @Sendable (Data) throws -> String,
                images: @escaping @Sendable (Data) throws -> [CertificatePhoto]) {
        self.text = text; self.images = images
    }

    /// poppler's `pdftotext -layout` and `pdfimages` (PPM output), run on a temporary copy.
    public static let poppler = PDFPageReader(
        text: { pdf in
            try withTemporaryFile(pdf) { file, _ in
                String(decoding: try run("pdftotext", ["-layout", "-enc", "UTF-8", file.path, "-"]), as: UTF8.self)
            }
        },
        images: { pdf in
            try withTemporaryFile(pdf) { file, dir in
                let prefix = dir.appendingPathComponent("image").path
                _ = try run("pdfimages", [file.path, prefix])
                let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                    .filter { $0.hasPrefix("image-") }.sorted()
                return try names.compactMap { name in
                    try readPPM(Data(contentsOf: dir.appendingPathComponent(name)))
                }
            }
        })

    /// Why a page could not be read: the tool is missing or failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static func withTemporaryFile<T>(_ pdf: Data, _ body: (URL, URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("certificate.pdf")
        try pdf.write(to: file)
        return try body(file, dir)
    }

    /// Runs `tool` found on PATH; its standard output, or `Failure` naming the tool.
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice   // a damaged file's warnings never block the pipe
        do { try process.run() } catch {
            throw Failure(description: "cannot run \(tool) (\(error.localizedDescription)); install poppler-utils")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: process.terminationStatus == 127
                ? "\(tool) is not installed; install poppler-utils"
                : "\(tool) failed with status \(process.terminationStatus)")
        }
        return data
    }

    /// A binary PPM (P6, maxval 255) as RGB pixels; nil for anything else (e.g. a PBM mask).
    static func readPPM(_ data: Data) throws -> CertificatePhoto? {
        let bytes = [UInt8](data)
        var index = 0
        func token() -> String? {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            let start = index
            while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
            return start < index ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }
        guard token() == "P6", let w = token().flatMap(Int.init), let h = token().flatMap(Int.init),
              token() == "255", index < bytes.count else { return nil }
        index += 1   // the single whitespace byte after maxval
        guard bytes.count - index == w * h * 3 else { return nil }
        return try CertificatePhoto(width: w, height: h, rgb: Array(bytes[index...]))
    }
}
