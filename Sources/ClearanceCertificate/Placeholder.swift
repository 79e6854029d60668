/// Placeholder: being written.
public enum ClearanceCertificatePlaceholder {}
