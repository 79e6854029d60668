import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension ClinicService {
    /// The context a module's form is evaluated in for a case: the same one the save path
    /// uses (person facts, the case's other results, the programme's parameters, the person's
    /// baseline), so a front end asks exactly the fields the save path will check.
    ///
    /// ```swift
    /// let context = try service.recordingContext(module: moduleID, caseID: 3, by: nurse)
    /// let rules = FormEvaluator(form: try service.host.module(moduleID).form, context: context)
    /// ```
    /// - Throws: ``ServiceError`` forbidden when the user may not record the module, not found
    ///   for an unknown module or case, conflict for a closed or certified case.
    public func recordingContext(module id: String, caseID: Int64, by session: Session) throws -> ModuleContext {
        let manifest = try host.module(id).manifest
        try session.requireRecord(manifest)
        return try read { db in
            let state = try caseState(db, caseID)
            try requireOpen(state)
            return try moduleContext(db, module: id, state: state, session: session)
        }
    }
}
