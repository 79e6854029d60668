import ClearanceService
import ClearanceTerminal
import Foundation

/// Where unsaved forms are kept: `$XDG_STATE_HOME/clearance/drafts`, else
/// `~/.local/state/clearance/drafts` (mode 0700; drafts hold medical answers).
enum DraftLocation {
    /// The drafts directory for this environment.
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let base: String
        if let s = environment["XDG_STATE_HOME"], !s.isEmpty { base = s }
        else { base = (NSHomeDirectory() as NSString).appendingPathComponent(".local/state") }
        return URL(fileURLWithPath: base).appendingPathComponent("clearance/drafts")
    }

    /// The draft store in ``directory(environment:)``, created when missing.
    /// - Throws: ``ServiceError`` configuration naming the directory when it cannot be created.
    static func store(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FileDraftStore {
        do { return try FileDraftStore(directory: directory(environment: environment)) } catch let e as DraftStoreError {
            throw ServiceError.configuration("\(e.description) (set XDG_STATE_HOME to a writable directory)")
        }
    }
}
