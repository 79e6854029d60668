/// Field names of `Forms/cxr.yaml` used by the Swift rules; a test checks each one exists.
enum CXRField {
    static let acquisition = "acquisition"
    static let views = "views"
    static let xrayDate = "xray_date"
    static let impression = "impression"
    static let findings = "findings"

    /// Sub-fields of one `findings` instance.
    enum Finding {
        static let finding = "finding"
        static let costophrenicAngle = "costophrenic_angle"
        static let remarks = "remarks"
    }

    static let all = [acquisition, views, xrayDate, impression, findings,
                      Finding.finding, Finding.costophrenicAngle, Finding.remarks]
}
