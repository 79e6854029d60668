import ClearanceCore

/// Placeholder: the Audiometry module is being written.
public enum AudiometryPlaceholder {}
