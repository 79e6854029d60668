/// The host's catalogues (``HostText``) live in ClearanceForms beside the embedded forms, so the
/// certificate and the service speak the same words; the recorder re-exports them.
@_exported import ClearanceForms
