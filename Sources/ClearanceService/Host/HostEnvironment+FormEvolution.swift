import ClearanceCore
import ClearanceStore
import Foundation
import GRDB

extension HostEnvironment {
    /// This host without the modules whose installed form would break answers stored in
    /// `database`: a form that changed without a new version, a published field that changes
    /// type, a choice that stored answers use removed (``FormCompatibility/breakingChanges(of:against:usedChoices:)``
    /// against every version stored with its encounters). Each refused module is listed in the
    /// registry's refused files with every breaking change, as `modules diff` words them.
    ///
    /// Only a form whose exact text is not stored yet is compared (one lookup per module
    /// otherwise), so the check costs nothing once the form has been used.
    public func checkingStoredForms(in database: ClinicDatabase) -> HostEnvironment {
        var refusedIDs: Set<String> = []
        var problems: [FormProblem] = []
        do {
            try database.read { db in
                for m in registry.modules where try !FormVersionStore.isStored(db, hash: m.form.hash) {
                    let stored = try FormVersionStore.versions(db, moduleID: m.manifest.id)
                    guard !stored.isEmpty else { continue }
                    let published = stored.compactMap {
                        try? FormLoader.load(yaml: $0.definition, origin: "\(m.manifest.id) form version \($0.formVersion) (stored in this database)").form
                    }
                    let breaking = FormCompatibility.breakingChanges(of: m.form, against: published,
                                                                     usedChoices: try FormVersionStore.usedChoices(db, moduleID: m.manifest.id))
                    guard !breaking.isEmpty else { continue }
                    refusedIDs.insert(m.manifest.id)
                    let origin = m.form.origin.isEmpty ? "module \(m.manifest.id)" : m.form.origin
                    problems.append(FormProblem(file: origin, line: 1, column: 1, message:
                        "module '\(m.manifest.id)' not loaded: its form would break answers stored in this database (\(breaking.count) breaking change\(breaking.count == 1 ? "" : "s"); `clearance modules diff` explains each):\n"
                        + breaking.map { "    \($0)" }.joined(separator: "\n")))
                }
            }
        } catch {
            return self
        }
        guard !refusedIDs.isEmpty else { return self }
        let kept = registry.modules.filter { !refusedIDs.contains($0.manifest.id) }
        let trimmed = ModuleRegistry(modules: kept, refused: registry.refused + problems,
                                     provenance: registry.provenance.filter { !refusedIDs.contains($0.key) })
        return HostEnvironment(registry: trimmed, programmes: programmes)
    }
}
