/// Placeholder: being written.
public enum ClearanceStorePlaceholder {}
