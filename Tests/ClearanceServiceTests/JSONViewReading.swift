import ClearanceService
import Foundation

extension Encodable {
    /// The view as `--json` prints it (``JSONOutput``), read back as a plain object for assertions.
    var json: [String: Any] {
        guard let data = try? JSONOutput.data(self),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}
