import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

/// The evidence a fitness decision was made on: every final encounter of the case (its
/// current answers, results and attachments) and the rule pack's proposal. Stored with the
/// decision as JSON (sorted keys) with its SHA-256; when the case's evidence no longer has
/// that digest, the decision is stale and no certificate is signed on it.
struct DecisionEvidence: Codable, Equatable {
    /// One final encounter as the officer saw it. Answers and results are kept as digests.
    struct Encounter: Codable, Equatable {
        var id: Int64
        var module: String
        var status: String
        var pending: Bool
        /// SHA-256 of the current observation ids: a correction voids a row and adds one.
        var answers: String
        /// SHA-256 of the stored result codes.
        var results: String
        var attachments: [Int64]
    }

    /// The proposal: its decision and a digest of its reasons and conditions.
    struct Proposal: Codable, Equatable {
        var decision: String
        var reasons: String
    }

    var version = 1
    var encounters: [Encounter]
    var proposal: Proposal

    /// The JSON stored in `decisions.evidence` (sorted keys, so equal evidence gives equal text).
    func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Why a decision made on `old` does not hold for `self` (the case now), one clause per
    /// change, or nil when nothing differs. Names encounters and modules, never results.
    func changes(since old: DecisionEvidence, proposalLabel: (String) -> String) -> String? {
        var out: [String] = []
        let before = Dictionary(old.encounters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Dictionary(encounters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for e in encounters where before[e.id] == nil {
            let earlier = old.encounters.filter { $0.module == e.module }.map(\.id).max()
            out.append("encounter \(e.id) (\(e.module)) recorded after the decision" + (earlier.map { ", superseding encounter \($0)" } ?? ""))
        }
        for e in old.encounters {
            guard let cur = now[e.id] else {
                out.append("encounter \(e.id) (\(e.module)) is no longer final")
                continue
            }
            if cur.answers != e.answers { out.append("encounter \(e.id) (\(e.module)) corrected after the decision") }
            else if cur.results != e.results || cur.pending != e.pending { out.append("results of encounter \(e.id) (\(e.module)) changed after the decision") }
            if cur.attachments != e.attachments {
                out.append(Set(cur.attachments).isSubset(of: e.attachments)
                           ? "an attachment of encounter \(e.id) (\(e.module)) was removed after the decision"
                           : "encounter \(e.id) (\(e.module)) has a new attachment since the decision")
            }
        }
        if proposal.decision != old.proposal.decision {
            out.append("the proposal changed from \(proposalLabel(old.proposal.decision)) to \(proposalLabel(proposal.decision))")
        } else if proposal.reasons != old.proposal.reasons, out.isEmpty {
            out.append("the reasons of the proposal changed after the decision")
        }
        if out.isEmpty && self != old { out.append("the case changed after the decision") }
        return out.isEmpty ? nil : out.joined(separator: "; ")
    }
}

extension ClinicService {
    /// The evidence of a case as it is now, and its stored text and digest.
    func decisionEvidence(_ db: Database, _ state: CaseState, proposal: FitnessProposal)
        throws -> (evidence: DecisionEvidence, text: String, sha256: String) {
        let encounters = try DecisionEvidenceStore.encounters(db, caseID: state.record.id ?? 0).map { e in
            DecisionEvidence.Encounter(
                id: e.id, module: e.moduleId, status: e.status, pending: e.pending,
                answers: DecisionEvidenceStore.sha256(e.observationIds.map(String.init).joined(separator: ",")),
                results: DecisionEvidenceStore.sha256(e.resultCodes), attachments: e.attachmentIds)
        }
        let reasons = proposal.reasons.map { "\($0.rule)|\($0.code ?? "")|\($0.decision.rawValue)" }
            + proposal.conditions.map { "condition|\($0)" }
        // Sorted: a rule pack may list reasons in any order for the same case.
        let evidence = DecisionEvidence(encounters: encounters,
                                        proposal: .init(decision: proposal.decision.rawValue,
                                                        reasons: DecisionEvidenceStore.sha256(reasons.sorted().joined(separator: "\n"))))
        let text = try evidence.text()
        return (evidence, text, DecisionEvidenceStore.sha256(text))
    }

    /// Why `decision` no longer holds for the case, or nil while its evidence is unchanged.
    ///
    /// A decision recorded before `v9-decision-evidence` has no evidence stored: it is stale
    /// ("evidence unknown") until a medical officer decides again.
    func decisionStaleness(_ db: Database, _ state: CaseState, _ decision: DecisionRecord) throws -> String? {
        guard let stored = decision.evidence, let digest = decision.evidenceSha256,
              let old = try? JSONDecoder().decode(DecisionEvidence.self, from: Data(stored.utf8)) else {
            return "decision \(decision.id ?? 0) was recorded before decisions were bound to their evidence, so what it was made on is unknown"
        }
        let now = try decisionEvidence(db, state, proposal: proposal(state))
        guard now.sha256 != digest else { return nil }
        return now.evidence.changes(since: old, proposalLabel: { FitnessDecision(rawValue: $0)?.label ?? $0 })
            ?? "the case changed after the decision"
    }

    /// The decision's view with whether it is stale and why.
    func currentView(_ db: Database, _ state: CaseState, _ decision: DecisionRecord) throws -> DecisionView {
        var v = view(decision)
        let because = try decisionStaleness(db, state, decision)
        v.stale = because != nil
        v.staleBecause = because
        return v
    }

    /// The conflict `certificate issue` raises on a stale decision, saying how to re-decide.
    static func staleDecisionRefusal(_ caseID: Int64, _ decision: DecisionRecord, because: String) -> ServiceError {
        .conflict("the decision on case \(caseID) (\((FitnessDecision(rawValue: decision.decision) ?? .pending).label), decision \(decision.id ?? 0)) is stale: \(because); review the case with `clearance case review \(caseID)` and re-decide with `clearance case decide \(caseID) --decision ...`, then issue the certificate")
    }
}
