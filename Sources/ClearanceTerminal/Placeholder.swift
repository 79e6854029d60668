/// Placeholder: being written.
public enum ClearanceTerminalPlaceholder {}
