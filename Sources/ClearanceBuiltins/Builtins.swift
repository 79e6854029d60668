import Audiometry
import ChestXRay
import ClearanceCore
import ClearanceForms
import HIVScreening
import TBScreening

/// The compiled screening modules shipped with Clearance.
///
/// Each module's form is read from the embedded copy of `Forms/`, so the installed binary finds
/// its forms wherever it runs. To add a compiled module: a new target in `Plugins/`, its form in
/// `Forms/`, and one line in ``factories``.
public enum Builtins {
    /// Form file and constructor of every compiled module.
    static let factories: [(file: String, make: @Sendable (FormSpec) -> any ScreeningModule)] = [
        (TBScreeningModule.formFile, { TBScreeningModule(form: $0) }),
        (ChestXRayModule.formFile, { ChestXRayModule(form: $0) }),
        (HIVModule.formFile, { HIVModule(form: $0) }),
        (AudiometryModule.formFile, { AudiometryModule(form: $0) }),
    ]

    /// The compiled modules whose forms load. A form that does not load is a build defect;
    /// it is reported by ``load()`` and by the test suite.
    public static func modules() -> [any ScreeningModule] { load().modules }

    /// The compiled modules, and the problems of any embedded form that did not load.
    public static func load() -> (modules: [any ScreeningModule], problems: [FormProblem]) {
        var modules: [any ScreeningModule] = []
        var problems: [FormProblem] = []
        for (file, make) in factories {
            guard let text = embeddedForms[file] else {
                problems.append(FormProblem(file: "Forms/\(file)", line: 1, column: 1, message: "form file missing from the embedded forms; run scripts/embed-forms"))
                continue
            }
            do { modules.append(make(try FormLoader.load(yaml: text, origin: "Forms/\(file)").form)) } catch let e as FormLoadError {
                problems += e.problems
            } catch {
                problems.append(FormProblem(file: "Forms/\(file)", line: 1, column: 1, message: "\(error)"))
            }
        }
        return (modules, problems)
    }
}
