import ClearanceCore

/// Placeholder: the TBScreening module is being written.
public enum TBScreeningPlaceholder {}
