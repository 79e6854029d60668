import ClearanceCore
import ClearanceForms

/// The compiled screening modules shipped with Clearance, and the host's bundled data files.
public enum Builtins {
    /// The compiled modules, each with its form loaded from the embedded `Forms/` copy.
    public static func modules() -> [any ScreeningModule] { [] }
}
