import Foundation
import Testing
@testable import ClearanceTerminal

/// Tab in an image field completes the path from the real folder: folders and PNG files, as far
/// as the matches agree; several matches are listed; nothing to complete goes on.
@Suite struct PathCompletionTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("clearance-paths-\(UUID().uuidString)")
        let photos = dir.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        for name in ["haddad.png", "hans.PNG", "notes.txt", ".hidden.png"] {
            try Data([0]).write(to: photos.appendingPathComponent(name))
        }
    }

    @Test func completesFoldersAndPNGFilesAsFarAsTheyAgree() {
        let d = dir.path
        #expect(PathCompletion.complete("pho", from: d) == .completed("photos/"))
        #expect(PathCompletion.complete("photos/h", from: d) == .completed("photos/ha"))
        #expect(PathCompletion.complete("photos/ha", from: d) == .choices(["haddad.png", "hans.PNG"]))
        #expect(PathCompletion.complete("photos/had", from: d) == .completed("photos/haddad.png"))
        #expect(PathCompletion.complete("photos/haddad.png", from: d) == .none, "whole already: Tab goes on")
        #expect(PathCompletion.complete("photos/n", from: d) == .none, "not a PNG")
        #expect(PathCompletion.complete("photos/.h", from: d) == .completed("photos/.hidden.png"))
        #expect(PathCompletion.complete("\(d)/photos/hadd", from: "/") == .completed("\(d)/photos/haddad.png"), "absolute paths")
        #expect(PathCompletion.complete("nowhere/x", from: d) == .none)
        #expect(PathCompletion.complete("", from: d) == .none)
    }
}
