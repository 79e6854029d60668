import ClearanceCore

/// One row of a form as currently shown: a field, a repeat group's header or its add/remove
/// controls, or the final "Review and save" entry.
///
/// Items are recomputed from the answers after every change, so skip logic shows live.
public struct FormItem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case field
        /// Heading of a repeat group (not focusable).
        case groupHeader
        /// Adds an instance to the repeat group at ``FormItem/path``.
        case addInstance
        /// Removes the instance at ``FormItem/path`` (`specimens[2]`).
        case removeInstance
        case review
    }
    public var kind: Kind
    public var path: FieldPath
    public var field: Field?
    /// Nesting level (0 at top level, 1 inside a repeat instance).
    public var depth: Int

    /// Identity that survives recomputation.
    public var id: ItemID { ItemID(kind: kind, path: path) }

    /// Whether the cursor stops here: input fields and controls; notes, calculated fields
    /// and group headers are shown but skipped.
    public var isFocusable: Bool {
        switch kind {
        case .field: return field?.isInput ?? false
        case .groupHeader: return false
        default: return true
        }
    }

    public struct ItemID: Hashable, Sendable {
        public var kind: Kind
        public var path: FieldPath
    }
}
