/// Field names of `Forms/tb.yaml` used by the Swift rules; a test checks each one exists.
enum TBField {
    static let symptoms = ["cough_2w", "haemoptysis", "fever", "night_sweats", "weight_loss"]
    static let hivStatus = "hiv_status"
    static let tbHistory = "tb_history"
    static let tbHistoryYear = "tb_history_year"
    static let tbHistoryTreatmentCompleted = "tb_history_treatment_completed"
    static let contact = "contact"
    static let immuneTest = "immune_test"
    static let tstInduration = "tst_induration_mm"
    static let igraResult = "igra_result"
    static let specimens = "specimens"
    static let extrapulmonary = "extrapulmonary"
    static let extrapulmonarySite = "extrapulmonary_site"
    static let treatment = "treatment"
    static let treatmentDOT = "treatment_dot"
    static let treatmentCompleted = "treatment_completed"
    static let clinicalDiagnosis = "clinical_diagnosis"

    /// Sub-fields of one `specimens` instance.
    enum Specimen {
        static let collectionDate = "collection_date"
        static let smear = "smear"
        static let naat = "naat"
        static let culture = "culture"
    }

    /// Every name above, for the form-consistency test.
    static let all: [String] = symptoms + [hivStatus, tbHistory, tbHistoryYear, tbHistoryTreatmentCompleted,
        contact, immuneTest, tstInduration, igraResult, specimens, extrapulmonary, extrapulmonarySite,
        treatment, treatmentDOT, treatmentCompleted, clinicalDiagnosis,
        Specimen.collectionDate, Specimen.smear, Specimen.naat, Specimen.culture]
}
