import ClearanceCore

/// The facts the TB rules need, read once from the answers and the context.
///
/// Reading is total: a missing or ill-typed answer reads as "not said", never a crash.
struct TBAssessment {
    /// One sputum specimen's results.
    struct Specimen {
        var index: Int
        var collectionDate: LocalDate?
        var smearPositive: Bool
        var naatDetected: Bool
        var culture: String?

        var culturePending: Bool { culture == "pending" }
        var culturePositive: Bool { culture == "mtb_complex" }
        /// Smear, NAAT or culture shows M. tuberculosis.
        var bacteriologicallyPositive: Bool { smearPositive || naatDetected || culturePositive }
    }

    var anySymptom: Bool
    /// HIV known positive: from the worksheet's own question or the case's `hiv` result.
    var hivPositive: Bool { hivPositiveOnForm || hivPositiveInCase }
    /// The TB form's `hiv_status` answer is positive.
    var hivPositiveOnForm: Bool
    /// The clinic's own HIV test in the same case gave `HIV-POS` (domain reference section 2).
    var hivPositiveInCase: Bool
    var cxrSuggestive: Bool
    var contact: Bool
    var pastTBTreated: Bool
    var extrapulmonary: Bool
    var clinicalDiagnosis: Bool
    var specimens: [Specimen]
    var immuneTest: String?
    var tstInduration: Int?
    var igraResult: String?
    /// Treatment given under the clinic, directly observed, with a completion date.
    var dotCompletedOn: LocalDate?

    init(_ answers: Answers, context: ModuleContext) {
        func yes(_ name: String) -> Bool { answers[name]?.bool == true }
        anySymptom = TBField.symptoms.contains { yes($0) }
        hivPositiveOnForm = answers[TBField.hivStatus]?.string == "positive"
        hivPositiveInCase = context.hasResult("hiv", "HIV-POS")
        cxrSuggestive = context.hasResult("cxr", "CXR-TB-SUGGESTIVE")
        contact = yes(TBField.contact)
        pastTBTreated = yes(TBField.tbHistory) && yes(TBField.tbHistoryTreatmentCompleted)
        extrapulmonary = yes(TBField.extrapulmonary)
        clinicalDiagnosis = yes(TBField.clinicalDiagnosis)
        specimens = (answers[TBField.specimens]?.instances ?? []).enumerated().map { i, s in
            Specimen(index: i + 1,
                     collectionDate: s[TBField.Specimen.collectionDate]?.date,
                     smearPositive: s[TBField.Specimen.smear]?.string == "positive",
                     naatDetected: s[TBField.Specimen.naat]?.string == "detected",
                     culture: s[TBField.Specimen.culture]?.string)
        }
        immuneTest = answers[TBField.immuneTest]?.string
        tstInduration = answers[TBField.tstInduration]?.integer
        igraResult = answers[TBField.igraResult]?.string
        if yes(TBField.treatment), yes(TBField.treatmentDOT), let done = answers[TBField.treatmentCompleted]?.date {
            dotCompletedOn = done
        } else {
            dotCompletedOn = nil
        }
    }

    /// Sputum is required: the X-ray suggests TB, a symptom is yes, or HIV is known positive
    /// (on the worksheet or by the case's own `HIV-POS`).
    var sputumRequired: Bool { cxrSuggestive || anySymptom || hivPositive }

    /// The number of specimens a complete sputum series has.
    static let requiredSpecimenCount = 3

    var culturesPending: Int { specimens.filter(\.culturePending).count }

    /// TST induration at or above the threshold that applies (lower for a contact).
    func tstPositive(_ parameters: TBParameters) -> Bool {
        guard immuneTest == "tst", let mm = tstInduration else { return false }
        return mm >= tstThreshold(parameters)
    }

    func tstThreshold(_ parameters: TBParameters) -> Int {
        contact ? parameters.tstContactThreshold : parameters.tstThreshold
    }

    var igraPositive: Bool {
        (immuneTest == "igra_qft" || immuneTest == "igra_tspot") && igraResult == "positive"
    }
}
