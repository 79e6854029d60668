import ClearanceCLI
import ClearanceCore
import Foundation
import SampleBloodPressure

// A module package's own `clearance` binary: the command with its module installed beside the
// built-in ones. A form that does not load is reported and the command runs without the module.
var modules: [any ScreeningModule] = []
do { modules.append(try BloodPressureModule()) } catch {
    FileHandle.standardError.write(Data("warning: module refused: \(error)\n".utf8))
}
ClearanceCLI.main(modules: modules)
