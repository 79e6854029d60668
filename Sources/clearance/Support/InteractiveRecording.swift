import ClearanceCore
import ClearanceService
import Foundation

/// Records a module by asking the form field by field (wired to ClearanceTerminal).
struct InteractiveRecording {
    let context: CommandContext
    let session: Session
    let plain: Bool

    func run(module: String, caseID: Int64, final: Bool) throws -> RecordOutcome {
        throw ServiceError.configuration("interactive recording is not available yet: pass --answers FILE.json")
    }
}

/// Opens the full-screen recorder (wired to ClearanceTerminal).
struct TerminalLauncher {
    let context: CommandContext
    let plain: Bool
    func run() throws {
        throw ServiceError.configuration("the full-screen recorder is not available yet; see `clearance --help`")
    }
}
