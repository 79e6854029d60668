import ClearanceCore

/// The TB screening module (`tb`): symptom screen, risk factors, immune test (TST or IGRA),
/// sputum specimens 1-3, extrapulmonary TB, treatment and the US panel TB classification.
///
/// The form lives in `Forms/tb.yaml`; the host loads it and hands it to ``init(form:)``.
/// Rules the form language expresses (required, skip logic, bounds, TST read 48-72 hours after
/// placing) are in the form; the rest is here:
/// - ``validate(_:context:)``: three sputum specimens on three different days when sputum is
///   required; an immune test for children of high-incidence countries; year of previous TB.
/// - ``derive(_:context:)``: result codes `TB-NONE`, `TB-A`, `TB-B0`, `TB-B1-PULM`,
///   `TB-B1-EXTRA`, `TB-B2`, `TB-B3`, `TB-PENDING` (several may hold) and computed values.
///
/// Rule pack parameters read (all optional; see ``TBParameters``):
/// `high_incidence_countries` (list of ISO alpha-3 codes, default empty),
/// `immune_test_min_age` (2), `immune_test_max_age` (14), `tst_threshold_mm` (10),
/// `tst_contact_threshold_mm` (5).
///
/// ```swift
/// let module = TBScreeningModule(form: try FormLoader.load(yaml: text, origin: "tb.yaml").form)
/// let result = module.derive(answers, context: ModuleContext(today: today))
/// result.resultCodes   // ["TB-NONE"]
/// ```
public struct TBScreeningModule: ScreeningModule {
    /// The form file's name under `Forms/`.
    public static let formFile = "tb.yaml"
    /// The module id used in the database, the CLI and rule packs.
    public static let moduleID = "tb"

    public let form: FormSpec

    /// Creates the module around its loaded form.
    /// - Parameter form: the form loaded from `Forms/tb.yaml`.
    public init(form: FormSpec) { self.form = form }

    public var manifest: ModuleManifest {
        ModuleManifest(
            id: Self.moduleID,
            version: SemanticVersion(2, 0, 0),
            title: LocalizedText(["en": "TB screening", "fr": "Dépistage de la tuberculose",
                                  "es": "Tamizaje de tuberculosis"]),
            // Registration staff administer the symptom questionnaire; the HIV status field is
            // restricted (`roles:` in Forms/tb.yaml) so a clerk neither sees nor answers it.
            recordRoles: [.clerk, .nurse, .medicalOfficer],
            readRoles: [.clerk, .nurse, .medicalOfficer, .radiologist, .counsellor],
            confidential: false,
            resultCodes: TBResult.allCases.map(\.resultCode),
            parameters: TBParameters.declared)
    }
}
