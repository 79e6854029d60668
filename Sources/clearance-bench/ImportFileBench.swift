import ClearanceCore
import ClearanceService
import Foundation

extension StoreBench {
    /// `import_peak_rss_mib`: the peak resident memory of importing a JSON Lines file of
    /// `encounters` lines (each with its `id`) through ``ClinicService/importFile`` (the path
    /// `clearance import` takes: streamed line by line, 1000 lines per batch), measured in this
    /// process as the kernel's high-water mark (`VmHWM`) over the import alone, after the mark
    /// is reset (``resetPeakMemory()``). The figure includes what the process already held.
    /// Then the same file again: every line skipped (`import_rerun_s`).
    func importFileFigures(_ service: ClinicService, caseIDs: [Int64]) throws -> [Figure] {
        let nurse = try service.signIn(username: "nurse", password: "benchmark-password")
        let file = workDir.appendingPathComponent("import.jsonl")
        try? FileManager.default.removeItem(at: file)
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var chunk = Data()
        for i in 0..<encounters {
            // Every case already holds final bench encounters: each line replaces the one before, with its reason.
            let object: [String: Any] = ["id": "bench-\(i)", "case": caseIDs[i % caseIDs.count], "answers": jsonAnswers(i),
                                         "supersede": "bench: screened again"]
            chunk += try JSONSerialization.data(withJSONObject: object)
            chunk.append(0x0A)
            if chunk.count > 1 << 20 { try handle.write(contentsOf: chunk); chunk.removeAll(keepingCapacity: true) }
        }
        try handle.write(contentsOf: chunk)
        try handle.close()
        let measured = resetPeakMemory()
        let t0 = now()
        let report = try service.importFile(module: "bench", path: file.path, batchSize: 1000, by: nurse)
        let seconds = now() - t0
        let peak = measured ? (windowPeakMemoryMiB() ?? peakMemoryMiB()) : peakMemoryMiB()
        precondition(report.saved.count == encounters, "bench file import saved \(report.saved.count), refused \(report.refused.count): \(report.refused.first.map { "\($0.issues)" } ?? "")")
        let t1 = now()
        let again = try service.importFile(module: "bench", path: file.path, batchSize: 1000, by: nurse)
        let rerun = now() - t1
        precondition(again.saved.isEmpty && again.skipped.count == encounters, "the re-run saved \(again.saved.count)")
        try? FileManager.default.removeItem(at: file)
        return [
            Figure(name: "import_file_s", value: seconds, unit: "s (\(encounters) JSON lines through clearance import's path)"),
            Figure(name: "import_peak_rss_mib", value: peak, unit: measured ? "MiB (VmHWM of the bench process over the file import)" : "MiB (process peak)",
                   target: "<= 256"),
            Figure(name: "import_rerun_s", value: rerun, unit: "s (the same file again: every line skipped)"),
        ]
    }

    /// ``answers(_:)`` as the JSON object of an import line.
    func jsonAnswers(_ i: Int) -> [String: Any] {
        [
            "systolic": 100 + i % 80, "diastolic": 60 + i % 40, "pulse": 50 + i % 60,
            "weight": 50 + Double(i % 50), "height": 1.5 + Double(i % 40) / 100, "temperature": 36.5,
            "arm": i % 2 == 0 ? "left" : "right", "smoker": i % 3 == 0, "diabetic": i % 7 == 0,
            "pregnant": false, "glucose": 5.5, "spo2": 97, "resp_rate": 16,
            "examiner_note": "routine check \(i)", "exam_date": "2026-11-20",
        ]
    }
}
