import Audiometry
import ChestXRay
import ClearanceCore
import HIVScreening
import TBScreening

/// The compiled screening modules shipped with Clearance.
///
/// Each module's form travels inside its own target (`embeddedForm`, generated from `Forms/` by
/// `scripts/embed-forms`), so the installed binary finds it wherever it runs. To add a compiled
/// module: a new target in `Plugins/`, its form in `Forms/` (named by its `formFile`), and one
/// line in ``factories``; or, outside this repository, a package of its own (docs/MODULES.md).
public enum Builtins {
    /// Form file, form text and constructor of every compiled module.
    static let factories: [(file: String, text: String, make: @Sendable (FormSpec) -> any ScreeningModule)] = [
        (TBScreeningModule.formFile, TBScreeningModule.embeddedForm, { TBScreeningModule(form: $0) }),
        (ChestXRayModule.formFile, ChestXRayModule.embeddedForm, { ChestXRayModule(form: $0) }),
        (HIVModule.formFile, HIVModule.embeddedForm, { HIVModule(form: $0) }),
        (AudiometryModule.formFile, AudiometryModule.embeddedForm, { AudiometryModule(form: $0) }),
    ]

    /// The compiled modules whose forms load. A form that does not load is a build defect;
    /// it is reported by ``load()`` and by the test suite.
    public static func modules() -> [any ScreeningModule] { load().modules }

    /// The compiled modules, and the problems of any embedded form that did not load.
    public static func load() -> (modules: [any ScreeningModule], problems: [FormProblem]) {
        var modules: [any ScreeningModule] = []
        var problems: [FormProblem] = []
        for (file, text, make) in factories {
            do { modules.append(make(try FormLoader.load(yaml: text, origin: "Forms/\(file)").form)) } catch let e as FormLoadError {
                problems += e.problems
            } catch {
                problems.append(FormProblem(file: "Forms/\(file)", line: 1, column: 1, message: "\(error)"))
            }
        }
        return (modules, problems)
    }
}
