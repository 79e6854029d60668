import ArgumentParser
import ClearanceService
import ClearanceStore
import Foundation

/// `clearance attach`: attach a PNG image to an encounter.
struct Attach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach a PNG image to an encounter.",
        discussion: """
        The file is checked and decoded first (size and pixel limits); the original is stored unchanged with its
        SHA-256, media type and size, beside a normalised 8-bit copy and a thumbnail (longest side 256).
        Needs a role that may attach images and read the encounter's module (HIV: counsellor, medical officer).
        A bad image exits 6 with what was wrong; nothing is stored.
        Example: clearance attach --encounter 12 --kind cxr xray-0412.png --json
        """)
    @OptionGroup var options: GlobalOptions
    @Option(help: "Encounter id.") var encounter: Int64
    @Option(help: "What the image is: photo, other, or a kind a module declares (`clearance modules list --json`).") var kind: String = "other"
    @Argument(help: "The PNG file.") var file: String

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let kind = try ctx.service.host.attachmentKind(named: kind)
            let view = try ctx.service.attach(fileAt: file, toEncounter: encounter, kind: kind, by: try ctx.signIn())
            if options.json { Output.json(view) } else { print(view.text) }
        }
    }
}

/// `clearance attachment ...`: stored images.
struct AttachmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attachment", abstract: "List, export and verify attached images.",
                                                    subcommands: [List.self, Export.self, Verify.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the attachments of an encounter (no image bytes are read).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Encounter id.") var encounter: Int64

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let views = try ctx.service.attachments(ofEncounter: encounter, by: try ctx.signIn())
                if options.json { Output.json(views) } else if views.isEmpty {
                    print("Encounter \(encounter) has no attachments.")
                } else {
                    Output.table(["ID", "KIND", "SIZE", "BYTES", "ADDED", "SHA-256"], views.map { v in
                        [String(v.id), v.kind, v.rendition(.normalised).map { "\($0.width)x\($0.height)" } ?? "-",
                         String(v.byteSize), "\(v.createdAt) \(v.createdBy)", v.sha256]
                    })
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an attachment's original bytes (exactly as attached) or a rendition to a file.",
            discussion: "Example: clearance attachment export 4 xray.png; clearance attachment export 4 small.png --rendition thumbnail. Every export is audited.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Attachment id.") var id: Int64
        @Argument(help: "Output file.") var out: String
        @Option(help: "normalised (8-bit PNG of the whole image) or thumbnail; default: the original.") var rendition: String?

        func run() throws {
            try guarded(json: options.json) {
                var kind: RenditionKind?
                if let rendition {
                    guard let k = RenditionKind(rawValue: rendition) else {
                        throw ServiceError.invalid(field: "rendition", "'\(rendition)' is not a rendition; use normalised or thumbnail (or leave it out for the original)")
                    }
                    kind = k
                }
                let ctx = try CommandContext.open(options)
                let (view, data) = try ctx.service.exportAttachment(id, rendition: kind, by: try ctx.signIn())
                do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw ServiceError.invalid(field: out, "cannot write the file (\(error.localizedDescription)); check the folder exists and is writable")
                }
                if options.json {
                    Output.json(AttachmentFileView(attachment: view, file: out, rendition: kind?.rawValue ?? "original", byteSize: data.count))
                } else {
                    print("Wrote \(kind?.rawValue ?? "original") of attachment \(id) to \(out) (\(data.count) bytes).")
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-hash every stored original: exit 0 when all match, 1 listing each changed attachment.")
        @OptionGroup var options: GlobalOptions

        func run() throws {
            var ok = true
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let report = try ctx.service.verifyAttachments(by: try ctx.signIn())
                ok = report.ok
                if options.json { Output.json(report) } else { print(report.text) }
            }
            if !ok { throw ExitCode(1) }
        }
    }
}

/// `clearance person photo`: set a person's photo.
struct PersonPhoto: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "photo", abstract: "Set a person's photo from a PNG file.",
        discussion: "The photo is stored as an attachment (original, normalised copy, thumbnail); the previous photo stays stored. Example: clearance person photo 7 layla.png")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Person id.") var id: Int64
    @Argument(help: "The PNG file.") var file: String

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let view = try ctx.service.setPhoto(personID: id, fileAt: file, by: try ctx.signIn())
            if options.json { Output.json(view) } else { print("Photo of person \(id) set: \(view.text)") }
        }
    }
}

/// `clearance encounter audiogram`: draw an audiometry encounter's audiogram.
struct EncounterAudiogram: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audiogram", abstract: "Draw the audiogram of an audiometry encounter as a PNG.",
        discussion: "Right ear red (O air, < bone), left ear blue (X air, > bone), masked and no-response symbols, dB HL downward. With --attach the picture is also stored as an audiogram attachment of the encounter. Example: clearance encounter audiogram 9 --out audiogram.png --attach")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "Encounter id.") var id: Int64
    @Option(help: "Output PNG file.") var out: String
    @Option(help: "Width in pixels (480-4096).") var width: Int = 900
    @Option(help: "Height in pixels (320-4096).") var height: Int = 600
    @Flag(help: "Also store the picture as an attachment of the encounter.") var attach = false

    func run() throws {
        try guarded(json: options.json) {
            let ctx = try CommandContext.open(options)
            let (png, view) = try ctx.service.audiogram(encounterID: id, width: width, height: height, attach: attach, by: try ctx.signIn())
            do { try png.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw ServiceError.invalid(field: out, "cannot write the file (\(error.localizedDescription)); check the folder exists and is writable")
            }
            if options.json {
                Output.json(AudiogramFileView(encounter: id, file: out, byteSize: png.count, attachment: view))
            } else {
                print("Wrote the audiogram of encounter \(id) to \(out)\(view.map { "; stored as attachment \($0.id)" } ?? "").")
            }
        }
    }
}
