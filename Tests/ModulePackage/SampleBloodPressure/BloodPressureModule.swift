import ClearanceCore
import Foundation

/// A compiled screening module as a team outside this repository writes one (docs/MODULES.md):
/// it depends on the public `ClearanceCore` product only, and its form is a resource of its own
/// target. Blood pressure: `BP-HIGH` from 140/90, `BP-NORMAL` below; a diastolic pressure at or
/// above the systolic is refused by ``validate(_:context:)`` (a rule the form cannot state).
public struct BloodPressureModule: ScreeningModule {
    public let form: FormSpec

    /// The module with its form read from the target's resources.
    /// - Throws: ``FormLoadError`` when the bundled form does not load (a packaging defect).
    public init() throws {
        guard let url = Bundle.module.url(forResource: "blood-pressure", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw FormLoadError(problems: [FormProblem(file: "blood-pressure.yaml", line: 0, column: 0,
                                                       message: "the module's form is missing from its resources; rebuild the package")])
        }
        form = try FormLoader.load(yaml: text, origin: url.lastPathComponent).form
    }

    public var manifest: ModuleManifest {
        ModuleManifest(id: "blood-pressure", version: SemanticVersion(1, 0, 0),
                       hostAPI: VersionRange(SemanticVersion(1), SemanticVersion(2)),
                       title: LocalizedText(["en": "Blood pressure"]),
                       recordRoles: [.nurse, .medicalOfficer],
                       resultCodes: [ResultCode("BP-HIGH", "High blood pressure (140/90 or more)"),
                                     ResultCode("BP-NORMAL", "Blood pressure below 140/90")])
    }

    public func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] {
        guard let s = answers["systolic"]?.integer, let d = answers["diastolic"]?.integer, d >= s else { return [] }
        return [ValidationIssue(field: "diastolic", message: "the diastolic pressure \(d) is not below the systolic \(s): measure again")]
    }

    public func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
        let s = answers["systolic"]?.integer ?? 0, d = answers["diastolic"]?.integer ?? 0
        return Derivation(resultCodes: [s >= 140 || d >= 90 ? "BP-HIGH" : "BP-NORMAL"])
    }
}
