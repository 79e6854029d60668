import GRDB

// Reading the rows every save and every import item loads (its case, person and encounters)
// by column position from a SELECT that names its columns. GRDB's Codable row decoding costs
// about 15,000 instructions per row; at one case per imported item that was a tenth of an
// import (measured with callgrind).

extension CaseRecord {
    /// The columns ``init(positional:)`` reads, in its order.
    public static let selection = "id, person_id, programme, purpose, site, status, opened_at, opened_by"

    /// Reads a row of `SELECT \(selection) ...`.
    /// - Throws: A decoding error for a value of the wrong type (a row edited outside the application).
    public init(positional row: Row) throws {
        self.init(id: try row.decode(atIndex: 0), personId: try row.decode(atIndex: 1), programme: try row.decode(atIndex: 2),
                  purpose: try row.decode(atIndex: 3), site: try row.decode(atIndex: 4), status: try row.decode(atIndex: 5),
                  openedAt: try row.decode(atIndex: 6), openedBy: try row.decode(atIndex: 7))
    }
}

extension PersonRecord {
    /// The columns ``init(positional:)`` reads, in its order.
    public static let selection = """
        id, surname, given_names, date_of_birth, sex, nationality, document_type, document_number, document_key,
        document_expiry, guardian, photo_attachment_id, created_at, created_by
        """

    /// Reads a row of `SELECT \(selection) ...`.
    /// - Throws: A decoding error for a value of the wrong type (a row edited outside the application).
    public init(positional row: Row) throws {
        self.init(id: try row.decode(atIndex: 0), surname: try row.decode(atIndex: 1), givenNames: try row.decode(atIndex: 2),
                  dateOfBirth: try row.decode(atIndex: 3), sex: try row.decode(atIndex: 4), nationality: try row.decode(atIndex: 5),
                  documentType: try row.decode(atIndex: 6), documentNumber: try row.decode(atIndex: 7),
                  documentExpiry: try row.decode(atIndex: 9), guardian: try row.decode(atIndex: 10),
                  photoAttachmentId: try row.decode(atIndex: 11), createdAt: try row.decode(atIndex: 12), createdBy: try row.decode(atIndex: 13))
        // The stored key, not one recomputed from the number: the row is read as it is.
        documentKey = try row.decode(atIndex: 8)
    }
}

extension EncounterRecord {
    /// The columns ``init(positional:)`` reads, in its order.
    public static let selection = """
        id, case_id, module_id, module_version, form_version, form_hash, status, recorded_by, recorded_at,
        result_codes, derived, pending
        """

    /// Reads a row of `SELECT \(selection) ...`.
    /// - Throws: A decoding error for a value of the wrong type (a row edited outside the application).
    public init(positional row: Row) throws {
        try self.init(id: row.decode(atIndex: 0), caseId: row.decode(atIndex: 1), moduleId: row.decode(atIndex: 2),
                      moduleVersion: row.decode(atIndex: 3), formVersion: row.decode(atIndex: 4), formHash: row.decode(atIndex: 5),
                      status: row.decode(atIndex: 6), recordedBy: row.decode(atIndex: 7), recordedAt: row.decode(atIndex: 8))
        resultCodes = try row.decode(atIndex: 9)
        derived = try row.decode(atIndex: 10)
        pending = try row.decode(atIndex: 11)
    }
}
