import ClearanceCore
@testable import ChestXRay

/// Answers and contexts shared by the chest X-ray tests.
enum CXRFixtures {
    static let today = LocalDate("2026-03-20")!
    static let xrayDate = LocalDate("2026-03-12")!
    static let module = ChestXRayModule(form: FormSpec(id: "cxr", version: "1", title: "Chest X-ray", fields: []))
    static let context = ModuleContext(today: today, programme: "us-panel")

    /// A PA film taken and read, with the given impression and findings.
    static func reading(_ impression: String, findings: [Answers] = [], views: [String] = ["pa"]) -> Answers {
        var a = Answers()
        a["acquisition"] = .choice("done")
        a["shielding"] = .choice("pelvic")
        a["views"] = .choices(views)
        a["xray_date"] = .date(xrayDate)
        a["xray_time"] = .text("09:30")
        a["reader"] = .text("Dr A. Mensah, GMC 1234567")
        a["reading_date"] = .date(LocalDate("2026-03-13")!)
        a["read_order"] = .choice("first")
        a["impression"] = .choice(impression)
        if !findings.isEmpty { a["findings"] = .group(findings) }
        return a
    }

    static func finding(_ value: String, side: String? = "right", remarks: String? = nil,
                        costophrenic: Bool? = nil) -> Answers {
        var f = Answers()
        f["finding"] = .choice(value)
        if let side { f["side"] = .choice(side); f["zone"] = .choice("upper") }
        if let remarks { f["remarks"] = .text(remarks) }
        if let costophrenic { f["costophrenic_angle"] = .bool(costophrenic) }
        return f
    }

    static func notDone(_ reason: String = "pregnant") -> Answers {
        Answers(["acquisition": .choice("not_done"), "reason_not_done": .choice(reason)])
    }
}
