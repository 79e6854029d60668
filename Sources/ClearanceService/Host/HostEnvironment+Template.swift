import ClearanceCore
import Foundation

extension HostEnvironment {
    /// A complete, valid answers document for a module, fit for any person: the union of the
    /// form's templates for a woman, a man and a child (fields asked only of some people, such
    /// as pregnancy, are filled; the save path drops answers that do not apply to the case).
    ///
    /// - Parameter today: the recording date the template's dates use.
    public func answersTemplate(for moduleID: String, today: LocalDate) throws -> [String: Any] {
        let module = try module(moduleID)
        let people = [PersonFacts(dateOfBirth: today.adding(months: -12 * 30), sex: "F", nationality: "PHL"),
                      PersonFacts(dateOfBirth: today.adding(months: -12 * 30), sex: "M", nationality: "PHL"),
                      PersonFacts(dateOfBirth: today.adding(months: -12 * 10), sex: "F", nationality: "PHL")]
        var merged: [String: Any] = [:]
        for person in people {
            let t = module.form.template(context: ModuleContext(today: today, person: person))
            for (k, v) in t where merged[k] == nil { merged[k] = v }
        }
        return merged
    }
}
