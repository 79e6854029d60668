/// Placeholder: being written.
public enum ClearanceImagingPlaceholder {}
