/// Placeholder: being written.
public enum ClearanceServicePlaceholder {}
