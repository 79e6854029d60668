import ClearanceCore

/// The chest X-ray notes module (`cxr`): acquisition by the radiographer, reading and
/// findings by the radiologist, and one overall code.
///
/// The form lives in `Forms/cxr.yaml`; the host loads it and hands it to ``init(form:)``.
/// The overall code is `CXR-NOT-DONE`, `CXR-NORMAL`, or for an abnormal film the code of its
/// most serious finding's category (``FindingCategory``): `CXR-TB-SUGGESTIVE` (which makes
/// sputum required in the TB module), `CXR-ABN-FOLLOWUP` or `CXR-ABN-NOACTION`.
///
/// Rule pack parameters read (all optional; see ``FindingCatalogue``):
/// `catalogue_tb_suggestive`, `catalogue_followup`, `catalogue_no_action`.
///
/// ```swift
/// let module = ChestXRayModule(form: try FormLoader.load(yaml: text, origin: "cxr.yaml").form)
/// module.derive(answers, context: ModuleContext(today: today)).resultCodes  // ["CXR-NORMAL"]
/// ```
public struct ChestXRayModule: ScreeningModule {
    /// The form file's name under `Forms/`.
    public static let formFile = "cxr.yaml"
    /// The module id used in the database, the CLI and rule packs.
    public static let moduleID = "cxr"

    /// The attachment kind of its images (`attachment add --kind cxr`).
    public static let attachmentKind = "cxr"

    public let form: FormSpec

    /// Creates the module around its loaded form.
    /// - Parameter form: the form loaded from `Forms/cxr.yaml`.
    public init(form: FormSpec) { self.form = form }

    public var manifest: ModuleManifest {
        ModuleManifest(
            id: Self.moduleID,
            version: SemanticVersion(2, 0, 0),
            title: LocalizedText(["en": "Chest X-ray", "fr": "Radiographie thoracique", "es": "Radiografía de tórax"]),
            recordRoles: [.radiographer, .radiologist, .medicalOfficer],
            readRoles: [.radiographer, .radiologist, .nurse, .medicalOfficer],
            confidential: false,
            resultCodes: CXRResult.allCases.map(\.resultCode),
            notDoneCodes: [CXRResult.notDone.code],
            parameters: FindingCategory.allCases.map { category in
                ModuleParameter(category.parameterName, .list(allowed: findingValues),
                                "findings counted as \(category.rawValue.replacingOccurrences(of: "_", with: " "))")
            },
            attachmentKinds: [Self.attachmentKind])
    }

    /// The finding values of the form's `findings` choice list (what the catalogue parameters may name).
    var findingValues: [String] {
        form.choiceLists["findings"]?.map(\.value) ?? Array(FindingCatalogue.defaultTable.keys).sorted()
    }
}
