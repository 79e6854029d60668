import ClearanceCore
import ClearanceImaging
import ClearanceStore
import Foundation
import GRDB

/// Attached images: the original kept byte for byte with its SHA-256, media type and size, a
/// normalised 8-bit copy and a thumbnail (longest side at most 256) as renditions, every change
/// audited in the same transaction.
///
/// An image is checked and decoded (with the size and pixel limits of
/// ``AttachmentProcessor/limits``) before anything is written; a bad file is refused with
/// ``ServiceError/invalid(field:_:)`` naming the file and saying what is wrong, and nothing is
/// stored. Attaching to an encounter needs ``Privilege/attachImages`` and the right to read that
/// module's answers (HIV encounters: counsellors and medical officers only).
///
/// ```swift
/// let a = try service.attach(fileAt: "xray.png", toEncounter: 12, kind: AttachmentKind("xray-kind"), by: radiographer)
/// let (_, png) = try service.exportAttachment(a.id, rendition: .thumbnail, by: mo)
/// ```
extension ClinicService {
    /// The processor every attachment goes through (limits, thumbnail size).
    static let attachmentProcessor = AttachmentProcessor(limits: .attachments)

    // MARK: - Attach

    /// Attaches a PNG file to an encounter.
    ///
    /// - Parameters:
    ///   - path: The file to attach; its name appears in errors and in the audit entry.
    ///   - encounterID: The encounter it belongs to.
    ///   - kind: What it is.
    ///   - session: Who attaches it.
    /// - Returns: The stored attachment with its renditions.
    /// - Throws: ``ServiceError``: forbidden, not found, invalid (unreadable or bad image; nothing
    ///   stored), conflict (closed or certified case).
    public func attach(fileAt path: String, toEncounter encounterID: Int64, kind: AttachmentKind, by session: Session) throws -> AttachmentView {
        _ = try read { db in try attachableEncounter(db, encounterID, session) }
        let bytes = try Self.readImageFile(path)
        return try attach(bytes, source: path, toEncounter: encounterID, kind: kind, by: session)
    }

    /// Attaches PNG bytes to an encounter (see ``attach(fileAt:toEncounter:kind:by:)``).
    ///
    /// - Parameter source: The file or field the bytes came from, named in errors and the audit entry.
    public func attach(_ bytes: Data, source: String, toEncounter encounterID: Int64, kind: AttachmentKind, by session: Session) throws -> AttachmentView {
        _ = try read { db in try attachableEncounter(db, encounterID, session) }
        let processed = try Self.processImage(bytes, source: source)
        return try write { db in
            _ = try attachableEncounter(db, encounterID, session)
            return try storeAttachment(db, bytes, processed, source: source, kind: kind.rawValue,
                                       personID: nil, encounterID: encounterID, session: session)
        }
    }

    /// Stores a PNG file not yet tied to an encounter, for front ends that attach images while a
    /// form is filled in: record the form with the returned id as the image answer and the
    /// attachment is tied to the new encounter in the same transaction.
    ///
    /// - Throws: ``ServiceError``: forbidden (no ``Privilege/attachImages``), invalid file.
    public func storeImage(fileAt path: String, kind: AttachmentKind = .other, by session: Session) throws -> AttachmentView {
        try session.require(.attachImages)
        let bytes = try Self.readImageFile(path)
        let processed = try Self.processImage(bytes, source: path)
        return try write { db in
            try storeAttachment(db, bytes, processed, source: path, kind: kind.rawValue, personID: nil, encounterID: nil, session: session)
        }
    }

    /// Sets a person's photo from a PNG file: stored as a `photo` attachment of the person, and
    /// `persons.photo_attachment_id` points to it. The previous photo stays stored.
    ///
    /// - Throws: ``ServiceError``: forbidden (needs ``Privilege/attachImages`` and
    ///   ``Privilege/registerPerson``), not found, invalid file.
    public func setPhoto(personID: Int64, fileAt path: String, by session: Session) throws -> AttachmentView {
        try session.require(.attachImages)
        try session.require(.registerPerson)
        _ = try read { db in try requireActivePerson(db, personID) }
        let bytes = try Self.readImageFile(path)
        let processed = try Self.processImage(bytes, source: path)
        return try write { db in
            let person = try requirePerson(db, personID)
            let view = try storeAttachment(db, bytes, processed, source: path, kind: AttachmentKind.photo.rawValue,
                                           personID: personID, encounterID: nil, session: session)
            try PersonStore.setPhoto(db, personID: personID, attachmentID: view.id)
            try audit(db, session, "edit", "person", personID,
                      ["fields": ["photo"], "photo_attachment": view.id, "previous_photo_attachment": person.photoAttachmentId.map { $0 as Any } ?? NSNull()])
            return view
        }
    }

    // MARK: - Read

    /// The attachments of an encounter, metadata and renditions (no image bytes). Listing a
    /// confidential module's attachments is audited as a confidential view.
    ///
    /// - Throws: ``ServiceError``: forbidden (the module's read roles), not found.
    public func attachments(ofEncounter encounterID: Int64, by session: Session) throws -> [AttachmentView] {
        try session.require(.findPersons)
        let (views, confidential): ([AttachmentView], Bool) = try read { db in
            let (_, manifest) = try readableEncounter(db, encounterID, session)
            let views = try AttachmentStore.infos(db, encounterID: encounterID).map { info in
                AttachmentView(info, renditions: try RenditionStore.infos(db, attachmentID: info.id))
            }
            return (views, manifest?.confidential ?? false)
        }
        if confidential {
            try write { db in try audit(db, session, "view-confidential", "encounter", encounterID, ["attachments": views.map(\.id)]) }
        }
        return views
    }

    /// One attachment's metadata and renditions, after the same checks as an export.
    public func attachment(_ id: Int64, by session: Session) throws -> AttachmentView {
        try session.require(.findPersons)
        return try read { db in try readableAttachment(db, id, session).0 }
    }

    /// The original bytes of an attachment, exactly as attached, or one of its renditions.
    /// Every export is audited.
    ///
    /// - Parameters:
    ///   - id: The attachment id.
    ///   - rendition: nil for the original; `.normalised` or `.thumbnail` for a derived PNG.
    /// - Returns: The attachment and the bytes to write.
    /// - Throws: ``ServiceError``: forbidden (the encounter module's read roles), not found.
    public func exportAttachment(_ id: Int64, rendition: RenditionKind? = nil, by session: Session) throws -> (AttachmentView, Data) {
        try session.require(.findPersons)
        return try write { db in
            let (view, _) = try readableAttachment(db, id, session)
            let data: Data?
            if let rendition { data = try RenditionStore.bytes(db, attachmentID: id, kind: rendition) } else { data = try AttachmentStore.bytes(db, id: id) }
            guard let data else {
                throw ServiceError.notFound("attachment \(id) has no \(rendition?.rawValue ?? "original") image stored; export the original instead")
            }
            try audit(db, session, "export", "attachment", id, ["rendition": rendition?.rawValue ?? "original", "byte_size": data.count])
            return (view, data)
        }
    }

    /// Re-hashes every stored original and compares it with the SHA-256 and size recorded in its
    /// row and with the SHA-256 the (hash-chained) audit log recorded when it was attached.
    ///
    /// - Throws: ``ServiceError``: forbidden (needs ``Privilege/readAudit``).
    public func verifyAttachments(by session: Session) throws -> AttachmentVerifyReport {
        try session.require(.readAudit)
        return try read { db in
            let (checked, mismatches) = try AttachmentStore.verifyOriginals(db, recorded: try AuditLog.attachmentHashes(db))
            return AttachmentVerifyReport(checked: checked, mismatches: mismatches)
        }
    }

    // MARK: - Helpers

    /// Reads an image file, refusing a missing, unreadable or oversized one before loading it.
    static func readImageFile(_ path: String) throws -> Data {
        let limit = attachmentProcessor.limits.maxFileBytes
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ServiceError.invalid(field: path, key: "error.no_such_png")
        }
        guard !isDirectory.boolValue else { throw ServiceError.invalid(field: path, key: "error.png_is_folder") }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > limit {
            throw ServiceError.invalid(field: path, "the image is too large: its file size (bytes) is \(size.intValue), over the limit of \(limit); reduce the image")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError.invalid(field: path, "cannot be read (permissions?); check the file")
        }
        return data
    }

    /// Checks and processes image bytes; an ``ImagingError`` becomes an invalid-input error
    /// naming `source`.
    static func processImage(_ bytes: Data, source: String) throws -> ProcessedAttachment {
        do { return try attachmentProcessor.process(bytes) } catch let e as ImagingError {
            throw ServiceError.invalid(field: source, e.description)
        }
    }

    /// Stores the original, its two renditions and the audit entry, in the caller's transaction.
    func storeAttachment(_ db: Database, _ bytes: Data, _ processed: ProcessedAttachment, source: String, kind: String,
                         personID: Int64?, encounterID: Int64?, session: Session,
                         field: String? = nil, caseID: Int64? = nil) throws -> AttachmentView {
        let info = try AttachmentStore.insert(db, bytes: bytes, mediaType: processed.mediaType, kind: kind, personID: personID,
                                              encounterID: encounterID, by: session.username, at: clock.now)
        let normalised = try RenditionStore.insert(db, attachmentID: info.id, kind: .normalised, png: processed.normalised.png,
                                                   width: processed.normalised.width, height: processed.normalised.height)
        let thumbnail = try RenditionStore.insert(db, attachmentID: info.id, kind: .thumbnail, png: processed.thumbnail.png,
                                                  width: processed.thumbnail.width, height: processed.thumbnail.height)
        var detail: [String: Any] = ["kind": kind, "media_type": info.mediaType, "byte_size": info.byteSize, "sha256": info.sha256,
                                     "file": (source as NSString).lastPathComponent,
                                     "width": processed.width, "height": processed.height, "bit_depth": processed.bitDepth]
        if let encounterID { detail["encounter"] = encounterID }
        if let personID { detail["person"] = personID }
        if let field { detail["field"] = field }
        if let caseID { detail["case"] = caseID }
        try audit(db, session, "create", "attachment", info.id, detail)
        return AttachmentView(info, renditions: [normalised, thumbnail])
    }

    /// The encounter, when `session` may attach images to it: ``Privilege/attachImages``, the
    /// module's read roles, and a case still open to changes.
    func attachableEncounter(_ db: Database, _ encounterID: Int64, _ session: Session) throws -> EncounterRecord {
        try session.require(.attachImages)
        let (encounter, _) = try readableEncounter(db, encounterID, session, verb: "attach images to")
        try requireOpen(try caseState(db, encounter.caseId))
        return encounter
    }

    /// The encounter and its module's manifest, when `session` may read that module's answers.
    func readableEncounter(_ db: Database, _ encounterID: Int64, _ session: Session, verb: String = "read")
        throws -> (EncounterRecord, ModuleManifest?) {
        guard let e = try EncounterStore.fetch(db, id: encounterID) else {
            throw ServiceError.notFound("no encounter \(encounterID); list a case's encounters with `clearance case show ID`")
        }
        let manifest = host.registry.module(e.moduleId)?.manifest
        if let manifest, !manifest.canRead(session.roles) {
            let roles = (manifest.readRoles ?? []).map(\.rawValue).sorted().joined(separator: ", ")
            throw ServiceError.forbidden("\(session.username) (\(session.roleList)) may not \(verb) \(manifest.id) encounters; this needs one of: \(roles)")
        }
        return (e, manifest)
    }

    /// An attachment the user may read: an encounter's (module read roles) or a person's.
    /// Reading one of a confidential module is audited by the caller's export entry.
    func readableAttachment(_ db: Database, _ id: Int64, _ session: Session) throws -> (AttachmentView, ModuleManifest?) {
        guard let info = try AttachmentStore.info(db, id: id) else {
            throw ServiceError.notFound("no attachment \(id); list an encounter's attachments with `clearance attachment list --encounter ID`")
        }
        var manifest: ModuleManifest?
        if let encounterID = info.encounterId { manifest = try readableEncounter(db, encounterID, session).1 }
        return (AttachmentView(info, renditions: try RenditionStore.infos(db, attachmentID: id)), manifest)
    }
}
