import GRDB

extension StoreMigration {
    /// `v9-decision-evidence`: a decision keeps the evidence it was made on.
    ///
    /// - `decisions.evidence`: JSON listing each final encounter of the case when the officer
    ///   decided (id, module, status, a digest of its current answers and results, its
    ///   attachment ids) and the proposal (decision and a digest of its reasons).
    /// - `decisions.evidence_sha256`: SHA-256 of that JSON, compared with the case as it is now.
    ///
    /// Decisions recorded before this migration keep both NULL: their evidence is unknown, so
    /// they count as stale until re-decided (nothing is back-filled, which would bless a
    /// decision that a later correction already contradicts). The append-only triggers stay.
    /// Shipped: never edit.
    static let decisionEvidence = StoreMigration(id: "v9-decision-evidence") { db in
        try db.execute(sql: """
        ALTER TABLE decisions ADD COLUMN evidence TEXT;
        ALTER TABLE decisions ADD COLUMN evidence_sha256 TEXT CHECK (evidence_sha256 IS NULL OR length(evidence_sha256) = 64);
        """)
    }
}
