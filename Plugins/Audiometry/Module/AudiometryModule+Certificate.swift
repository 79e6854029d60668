import ClearanceCore

extension AudiometryModule {
    /// "Audiometry", done, on the test date (or the recording date when none was given).
    public func certificateEntry(_ answers: Answers, derivation: Derivation, recordedOn: LocalDate) -> CertificateEntry? {
        CertificateEntry(test: "Audiometry", date: answers[FieldName.testDate]?.date ?? recordedOn,
                         done: true, anchorDate: nil)
    }
}
