import GRDB

/// A row of `observations`: one typed answer of an encounter at a path (`cough_2w`,
/// `specimens[2].smear`).
///
/// Edits never overwrite: a corrected answer voids its row (``voidedAt``, ``voidedBy``,
/// ``voidReason``) and a new row points to it with ``replacesId``. The current answers are the
/// rows with no ``voidedAt``. How values map to the typed columns: ``ObservationValue``.
public struct ObservationRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "observations"
    /// Column names, spelled out: GRDB's snake-case conversion strategy costs more than the
    /// query itself on hot paths (measured with callgrind).
    public enum CodingKeys: String, CodingKey {
        case id
        case encounterId = "encounter_id"
        case path
        case valueType = "value_type"
        case valueText = "value_text"
        case valueInteger = "value_integer"
        case valueReal = "value_real"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case voidedAt = "voided_at"
        case voidedBy = "voided_by"
        case voidReason = "void_reason"
        case replacesId = "replaces_id"
    }

    public var id: Int64?
    public var encounterId: Int64
    /// The field's path (``ClearanceCore/FieldPath`` text).
    public var path: String
    public var valueType: ObservationValue.Kind
    public var valueText: String?
    public var valueInteger: Int64?
    public var valueReal: Double?
    public var createdBy: String
    public var createdAt: String
    public var voidedAt: String?
    public var voidedBy: String?
    public var voidReason: String?
    /// The voided observation this row corrects.
    public var replacesId: Int64?

    /// Creates a row holding `value` at `path`.
    public init(id: Int64? = nil, encounterId: Int64, path: String, value: ObservationValue,
                createdBy: String, createdAt: String, replacesId: Int64? = nil) {
        self.id = id; self.encounterId = encounterId; self.path = path
        self.valueType = value.kind; self.valueText = value.text
        self.valueInteger = value.integer; self.valueReal = value.real
        self.createdBy = createdBy; self.createdAt = createdAt; self.replacesId = replacesId
    }

    /// The typed columns of this row.
    public var observationValue: ObservationValue {
        ObservationValue(kind: valueType, text: valueText, integer: valueInteger, real: valueReal)
    }

    /// True while the row is current (not voided).
    public var isCurrent: Bool { voidedAt == nil }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
