import ClearanceCLI

// The shipped `clearance` binary: the command with the built-in modules only. A module package
// builds its own binary the same way, passing its modules (docs/MODULES.md).
ClearanceCLI.main()
