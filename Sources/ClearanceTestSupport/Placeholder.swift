/// Placeholder: being written.
public enum ClearanceTestSupportPlaceholder {}
