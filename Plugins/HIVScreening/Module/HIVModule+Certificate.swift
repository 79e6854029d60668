import ClearanceCore

extension HIVModule {
    /// "HIV counselling and testing", done, on the recording date — never the status.
    ///
    /// The entry is the same whatever the outcome (negative, positive, inconclusive, declined,
    /// not tested) and uses the recording date rather than the test date, so that nothing on a
    /// certificate lets a reader infer whether a test was done or what it showed.
    public func certificateEntry(_ answers: Answers, derivation: Derivation, recordedOn: LocalDate) -> CertificateEntry? {
        CertificateEntry(test: "HIV counselling and testing", date: recordedOn, done: true, anchorDate: nil)
    }
}
