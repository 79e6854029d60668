import ClearanceCore
import Foundation

extension HostEnvironment {
    /// A complete, valid answers document for a module, fit for any person: the union of the
    /// form's templates for a woman, a man and a child (fields asked only of some people, such
    /// as pregnancy, are filled; the save path drops answers that do not apply to the case).
    /// Calculated fields are left out: the form works them out for the case's own person (an
    /// eGFR or a predicted FEV1 worked out for the template's people would be refused).
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
        return Self.withoutCalculated(merged, fields: module.form.fields)
    }

    /// The answers without the values of calculated fields, in repeat rows too.
    static func withoutCalculated(_ answers: [String: Any], fields: [Field]) -> [String: Any] {
        var out = answers
        for f in fields {
            if f.calculate != nil { out[f.name] = nil; continue }
            if f.type == .repeatGroup, let rows = out[f.name] as? [[String: Any]] {
                out[f.name] = rows.map { withoutCalculated($0, fields: f.fields) }
            }
        }
        return out
    }
}
