import ClearanceService

// Views that put a service view together with what the command adds.

/// `case show --json`: the case summary's keys and the case's status changes.
struct CaseShowView: JSONView {
    var summary: CaseSummary
    var statusChanges: [CaseStatusChangeView]
    enum CodingKeys: String, CodingKey { case statusChanges = "status_changes" }
    func encode(to encoder: Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(statusChanges, forKey: .statusChanges)
    }
}

/// `person show --json`: the person's keys and their cases.
struct PersonShowView: JSONView {
    var person: PersonView
    var cases: [CaseView]
    enum CodingKeys: String, CodingKey { case cases }
    func encode(to encoder: Encoder) throws {
        try person.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cases, forKey: .cases)
    }
}

/// `record --dry-run --json`: what a save would give (no encounter id), marked `dry_run`.
struct DryRunOutcomeView: JSONView {
    var outcome: RecordOutcome
    enum CodingKeys: String, CodingKey { case dryRun = "dry_run" }
    func encode(to encoder: Encoder) throws {
        try outcome.encode(to: encoder, withEncounter: false)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(true, forKey: .dryRun)
    }
}

/// `init --json`: the database, whether the administrator was created, and the clinic identity
/// set (null when none was given).
struct InitView: JSONView {
    var database: String
    var adminCreated: Bool
    @NullWhenNil var clinic: ClinicIdentityView?
    enum CodingKeys: String, CodingKey { case database, adminCreated = "admin_created", clinic }
}
