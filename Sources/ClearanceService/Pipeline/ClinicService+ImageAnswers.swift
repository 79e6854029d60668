import ClearanceCore
import ClearanceImaging
import ClearanceStore
import Foundation
import GRDB

/// Image files named in JSON answers, read and checked before the save transaction.
///
/// Each file is replaced in the answers by a placeholder (a negative id: real attachment ids
/// are positive, and a non-positive id in the document is refused) until
/// ``ClinicService/storeImageAnswers(_:_:files:state:session:)`` stores it.
struct ImageAnswerFiles: Sendable {
    struct File: Sendable {
        var path: String
        var field: String
        var bytes: Data
        var processed: ProcessedAttachment
    }

    /// Files by placeholder id.
    var files: [Int64: File] = [:]
    /// The kind new files are stored as: the module's first declared attachment kind, else `other`.
    var kind: String = AttachmentKind.other.rawValue

    /// No files: answers given as ``Answers`` or with attachment ids only.
    static let none = ImageAnswerFiles()
}

/// Image answers, one rule for every write: a number is an existing attachment id, which must
/// belong to this case's person and be of a kind the module takes; a string is the path of a
/// PNG file (relative paths from the current directory), checked first and attached in the
/// same transaction as the encounter.
///
/// ```json
/// {"acquisition": "done", "image": "scans/xray-0412.png"}
/// ```
extension ClinicService {
    /// Reads and checks every image file named in `json`, returning the answers with
    /// placeholders in their place and every problem (unreadable or bad files, non-positive
    /// ids) as issues. Nothing is stored.
    ///
    /// - Throws: ``ServiceError`` forbidden when files are given without ``Privilege/attachImages``.
    func imageFiles(in json: [String: Any], module: any ScreeningModule, session: Session) throws
        -> (json: [String: Any], files: ImageAnswerFiles, issues: [ValidationIssue]) {
        var result = ImageAnswerFiles()
        result.kind = module.manifest.acceptedAttachmentKinds[0]
        var issues: [ValidationIssue] = []
        var paths: [(placeholder: Int64, path: String, field: FieldPath)] = []
        func walk(_ object: [String: Any], _ fields: [Field], _ prefix: FieldPath) -> [String: Any] {
            var out = object
            for f in fields {
                guard let raw = object[f.name] else { continue }
                let path = prefix.appending(f.name)
                if f.type == .repeatGroup, let list = raw as? [Any] {
                    out[f.name] = list.enumerated().map { i, item -> Any in
                        guard let o = item as? [String: Any] else { return item }
                        return walk(o, f.fields, prefix.appending(f.name, index: i + 1))
                    }
                } else if f.type == .image, let file = raw as? String, !file.isEmpty {
                    let placeholder = -Int64(paths.count + 1)
                    paths.append((placeholder, file, path))
                    out[f.name] = placeholder
                } else if f.type == .image, let n = raw as? NSNumber, !(raw is Bool), n.int64Value <= 0 {
                    issues.append(ValidationIssue(path: path, message: "\(n) is not an attachment id; give the id of a stored attachment or the path of a PNG file"))
                    out[f.name] = nil
                }
            }
            return out
        }
        let replaced = walk(json, module.form.fields, FieldPath([]))
        if !paths.isEmpty { try session.require(.attachImages) }
        for p in paths {
            do {
                let bytes = try Self.readImageFile(p.path)
                let processed = try Self.processImage(bytes, source: p.path)
                result.files[p.placeholder] = .init(path: p.path, field: p.field.description, bytes: bytes, processed: processed)
            } catch let e as ServiceError {
                issues += e.issues.map { ValidationIssue(path: p.field, message: "\($0.path.description == p.path ? p.path + ": " : "")\($0.message)") }
            }
        }
        return (replaced, result, issues)
    }

    /// Checks the attachment ids among `answers` without writing anything: each must exist,
    /// belong to this case's person (an attachment of another person's encounter, or another
    /// person's photo, is refused) and be of a kind the module takes (unless already attached
    /// in this case); one tied to nothing yet (stored while a form was filled in) serves only
    /// the user who stored it. Placeholders of files read by ``imageFiles(in:module:session:)`` pass.
    func imageIssues(_ db: Database, _ answers: Answers, files: ImageAnswerFiles, module: any ScreeningModule,
                     state: CaseState, session: Session) throws -> [ValidationIssue] {
        let kinds = module.manifest.acceptedAttachmentKinds
        var issues: [ValidationIssue] = []
        for (path, value) in answers.flattened() {
            guard case .image(let id) = value else { continue }
            if id < 0 {
                if files.files[id] == nil { issues.append(ValidationIssue(path: path, message: "\(id) is not an attachment id")) }
                continue
            }
            guard let info = try AttachmentStore.info(db, id: id) else {
                issues.append(ValidationIssue(path: path, message: "there is no attachment \(id); give the path of the PNG file instead"))
                continue
            }
            var owner = info.personId
            var sameCase = false
            if let e = info.encounterId, let encounter = try EncounterStore.fetch(db, id: e) {
                owner = try CaseStore.fetch(db, id: encounter.caseId)?.personId
                sameCase = encounter.caseId == state.record.id
            }
            if let owner, owner != state.person.id {
                issues.append(ValidationIssue(path: path, message: "attachment \(id) belongs to another person; attach this person's file instead (give the path of the PNG file)"))
            } else if owner == nil, info.encounterId == nil, info.createdBy != session.username {
                issues.append(ValidationIssue(path: path, message: "attachment \(id) is tied to no encounter and was stored by another user; give the path of the PNG file instead"))
            } else if !sameCase, !kinds.contains(info.kind) {
                // (An image already attached in this case, by `attach --kind`, keeps the kind its
                // attacher chose: a correction of other answers does not trip over it.)
                issues.append(ValidationIssue(path: path, message: "attachment \(id) is a \(info.kind) image; this field takes \(kinds.joined(separator: " or ")) images"))
            }
        }
        return issues
    }

    /// Stores the files behind placeholders, inside the save transaction, once every check has
    /// passed. Returns the answers with real ids, and the ids to tie to the encounter with
    /// ``linkImageAnswers(_:_:to:)`` (new files, and attachments stored earlier without one).
    func storeImageAnswers(_ db: Database, _ answers: Answers, files: ImageAnswerFiles, state: CaseState, session: Session) throws -> (Answers, [Int64]) {
        var link: [Int64] = []
        let caseID = state.record.id ?? 0
        func map(_ answers: Answers) throws -> Answers {
            var out = answers
            for name in answers.names {
                switch answers[name] {
                case .image(let id)? where id < 0:
                    guard let file = files.files[id] else { continue }
                    let view = try storeAttachment(db, file.bytes, file.processed, source: file.path, kind: files.kind,
                                                   personID: nil, encounterID: nil, session: session, field: file.field, caseID: caseID)
                    out[name] = .image(view.id)
                    link.append(view.id)
                case .image(let id)?:
                    if try AttachmentStore.info(db, id: id)?.encounterId == nil, !link.contains(id) { link.append(id) }
                case .group(let instances)?:
                    out[name] = .group(try instances.map(map))
                default:
                    break
                }
            }
            return out
        }
        return (try map(answers), link)
    }

    /// Ties attachments stored without an encounter to the encounter just saved.
    func linkImageAnswers(_ db: Database, _ ids: [Int64], to encounterID: Int64) throws {
        for id in ids { try AttachmentStore.link(db, id: id, encounterID: encounterID) }
    }
}
