import ClearanceCore

/// Placeholder: the HIVScreening module is being written.
public enum HIVScreeningPlaceholder {}
