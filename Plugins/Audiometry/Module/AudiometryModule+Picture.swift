import ClearanceCore

extension AudiometryModule {
    /// The audiogram of the answers, which the host draws (`clearance encounter audiogram`)
    /// and stores as an `audiogram` attachment; the title carries the test date.
    public func picture(_ answers: Answers) -> ModulePicture? {
        let marks = Self.audiogram(from: answers).points.map { p in
            AudiogramMark(ear: p.ear == .right ? .right : .left, conduction: p.conduction == .air ? .air : .bone,
                          frequency: p.frequency, level: p.threshold, masked: p.masked, noResponse: p.noResponse)
        }
        return ModulePicture(attachmentKind: Self.attachmentKind, content: .audiogram(marks), dateField: "test_date")
    }
}
