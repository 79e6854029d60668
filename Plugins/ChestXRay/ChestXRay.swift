import ClearanceCore

/// Placeholder: the ChestXRay module is being written.
public enum ChestXRayPlaceholder {}
