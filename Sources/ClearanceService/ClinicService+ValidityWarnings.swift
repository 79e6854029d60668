import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// Warnings that a recorded date already ends the certificate's validity: an X-ray older than
/// the programme's window (`uk-tb`: 6 months from the X-ray) cannot back a certificate issued
/// today. Said when the X-ray is recorded and on `case review`, not first at issue time.
extension ClinicService {
    /// The validity warnings of a case: one for its current anchor encounter (the chest X-ray
    /// under `uk-tb` and `us-panel`) when a certificate issued today would already have expired.
    ///
    /// - Parameters:
    ///   - caseID: The case.
    ///   - session: Any user who may read cases.
    /// - Returns: Messages naming the module, its date, the programme's window and what to do;
    ///   empty when none applies.
    /// - Throws: ``ServiceError`` not found or forbidden.
    public func validityWarnings(caseID: Int64, by session: Session) throws -> [String] {
        try session.require(.findPersons)
        return try read { db in
            let state = try caseState(db, caseID)
            guard let anchor = state.pack?.validity.anchorModule, let encounter = state.latestFinal[anchor] else { return [] }
            return try validityWarnings(db, state: state, encounter: encounter)
        }
    }

    /// The warning for `encounter` when its module is the programme's validity anchor and its
    /// anchor date is so old that a certificate issued today would have expired.
    func validityWarnings(_ db: Database, state: CaseState, encounter: EncounterRecord) throws -> [String] {
        guard let pack = state.pack, pack.validity.anchorModule == encounter.moduleId, encounter.status == .final,
              let module = host.registry.module(encounter.moduleId), !module.manifest.confidential else { return [] }
        let recordedOn = LocalDate(String(encounter.recordedAt.prefix(10))) ?? clock.today
        let answers = try EncounterStore.answers(db, encounterID: encounter.id ?? 0)
        let derivation = (try? encounter.derivation()) ?? Derivation()
        guard let date = module.certificateEntry(answers, derivation: derivation, recordedOn: recordedOn)?.anchorDate else { return [] }
        let today = clock.today
        let expiry = pack.validity.expiry(issued: today, anchor: date)
        guard expiry < today else { return [] }
        let window = [pack.validity.months > 0 ? "\(pack.validity.months) months" : nil,
                      pack.validity.days > 0 ? "\(pack.validity.days) days" : nil].compactMap { $0 }.joined(separator: " ")
        return ["\(encounter.moduleId) encounter \(encounter.id ?? 0) is dated \(date): under \(pack.id) a certificate is valid \(window) from that date, so one issued today would have expired on \(expiry); repeat the \(module.manifest.title.en.lowercased()) before a certificate can be issued"]
    }
}
