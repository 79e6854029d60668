import ArgumentParser
import ClearanceCertificate
import ClearanceCore
import ClearanceService
import Foundation

extension CaseCommand {
    /// `clearance case review ID`: the medical officer's page for one case.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review a case: every module's results, what is missing, the proposed fitness, the decision and certificates.",
            discussion: "Confidential results (HIV) are shown only to counsellors and medical officers, and each such view is audited.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Case id.") var id: Int64

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                var summary = try ctx.service.caseSummary(id, by: session)
                let certificates = try ctx.service.certificates(caseID: id, by: session)
                summary.certificates = certificates
                let warnings = try ctx.service.validityWarnings(caseID: id, by: session)
                summary.warnings = warnings
                if options.json { Output.json(summary); return }
                print(summary.text(language: options.lang))
                if !warnings.isEmpty {
                    print("Warnings:")
                    for w in warnings { print("  ! \(w)") }
                }
                if let d = summary.decision {
                    if let c = d.shownConditions { print("  conditions: \(c)") }
                    if let r = d.shownReason { print("  reason: \(r)") }
                    if d.shownDiffers == true { print("  (differs from the proposal \(d.shownProposed))") }
                } else {
                    print("Decision: none yet")
                }
                print("")
                if certificates.isEmpty { print("Certificates: none") } else {
                    print("Certificates:")
                    for c in certificates { print("  \(c.id) \(c.outcome) \(c.issueDate) to \(c.expiryDate) (\(c.status))") }
                }
                print("")
                print(nextStep(summary, certificates: certificates))
            }
        }

        func nextStep(_ s: CaseSummary, certificates: [CertificateView]) -> String {
            if !s.missing.isEmpty { return "Next: record \(s.missing.joined(separator: ", ")) (or decide PENDING)." }
            if s.encounters.contains(where: { $0.current && $0.pending }) { return "Next: wait for pending results (only PENDING may be decided)." }
            if s.decision == nil {
                return "Next: clearance case decide \(s.caseInfo.id) --decision \(s.proposal.decision.rawValue)"
                    + (s.proposal.decision == .fitWithConditions ? " --conditions TEXT" : "")
            }
            if s.decision?.stale == true {
                return "Next: the decision is stale; review and re-decide: clearance case decide \(s.caseInfo.id) --decision \(s.proposal.decision.rawValue)"
                    + (s.proposal.decision == .fitWithConditions ? " --conditions TEXT" : "")
            }
            if !certificates.contains(where: { $0.status == "current" }) { return "Next: clearance certificate issue --case \(s.caseInfo.id)" }
            return "Certified."
        }
    }

    /// `clearance case decide ID --decision ...`: the medical officer's fitness decision.
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the fitness decision on a case (medical officers).",
            discussion: """
            FIT-WITH-CONDITIONS needs --conditions. A decision that differs from the rule pack's proposal needs --reason.
            Only PENDING may be decided while required modules are missing or results are pending.
            """)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Case id.") var id: Int64
        @Option(help: "FIT, FIT-WITH-CONDITIONS, UNFIT or PENDING.") var decision: String
        @Option(help: "Conditions or follow-up to print on the certificate, one a line: at most \(CertificateConditions.maximumCharacters) characters in at most \(CertificateConditions.maximumLines) lines.") var conditions: String?
        @Option(help: "Why (required when the decision differs from the proposal).") var reason: String?

        func run() throws {
            try guarded(json: options.json) {
                let normalized = decision.uppercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
                guard let d = FitnessDecision(rawValue: normalized) else {
                    throw ServiceError.invalid(field: "decision", "'\(decision)' must be one of \(FitnessDecision.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let ctx = try CommandContext.open(options)
                let result = try ctx.service.decide(caseID: id, decision: d, conditions: conditions, reason: reason, by: try ctx.signIn())
                if options.json { Output.json(result) } else { print(result.text) }
            }
        }
    }
}
