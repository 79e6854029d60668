import ClearanceCore
import ClearanceImaging
import ClearanceStore
import Foundation
import GRDB

/// Image files named in a JSON answers document, read and checked before the save transaction.
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
    /// The module's attachment kind (`cxr` for the chest X-ray module, else `other`).
    var kind: String = AttachmentKind.other.rawValue

    /// No files: answers given as ``Answers`` or with attachment ids only.
    static let none = ImageAnswerFiles()
}

/// Image fields of JSON answers: a number is an existing attachment id, a string is the path of
/// a PNG file (relative paths from the current directory), attached in the same transaction as
/// the encounter.
///
/// ```json
/// {"acquisition": "done", "image": "scans/xray-0412.png"}
/// ```
extension ClinicService {
    /// Reads and checks every image file named in `json`, returning the answers with
    /// placeholders in their place. Nothing is stored.
    ///
    /// - Throws: ``ServiceError``: invalid (every unreadable or bad file, and non-positive ids,
    ///   listed together), forbidden (files given without ``Privilege/attachImages``).
    func imageFiles(in json: [String: Any], form: FormSpec, module: String, session: Session) throws -> ([String: Any], ImageAnswerFiles) {
        var result = ImageAnswerFiles()
        result.kind = module == "cxr" ? AttachmentKind.cxr.rawValue : AttachmentKind.other.rawValue
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
                }
            }
            return out
        }
        let replaced = walk(json, form.fields, FieldPath([]))
        if !paths.isEmpty {
            let manifest = try host.module(module).manifest
            try session.requireRecord(manifest)
            try session.require(.attachImages)
        }
        for p in paths {
            do {
                let bytes = try Self.readImageFile(p.path)
                let processed = try Self.processImage(bytes, source: p.path)
                result.files[p.placeholder] = .init(path: p.path, field: p.field.description, bytes: bytes, processed: processed)
            } catch let e as ServiceError {
                issues += e.issues.map { ValidationIssue(path: p.field, message: "\($0.path.description == p.path ? p.path + ": " : "")\($0.message)") }
            }
        }
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        return (replaced, result)
    }

    /// Stores the files behind placeholders and checks the attachment ids given in `answers`,
    /// inside the save transaction. Returns the answers with real ids, and the ids to tie to the
    /// new encounter with ``linkImageAnswers(_:_:to:)`` (new files, and attachments stored
    /// earlier without an encounter).
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` for an id that does not exist or belongs to
    ///   another case or person.
    func storeImageAnswers(_ db: Database, _ answers: Answers, files: ImageAnswerFiles, state: CaseState, session: Session) throws -> (Answers, [Int64]) {
        var link: [Int64] = []
        var issues: [ValidationIssue] = []
        let caseID = state.record.id ?? 0
        func map(_ answers: Answers, _ prefix: FieldPath) throws -> Answers {
            var out = answers
            for name in answers.names {
                let path = prefix.appending(name)
                switch answers[name] {
                case .image(let id)? where id < 0:
                    guard let file = files.files[id] else {
                        issues.append(ValidationIssue(path: path, message: "\(id) is not an attachment id")); continue
                    }
                    let view = try storeAttachment(db, file.bytes, file.processed, source: file.path, kind: files.kind,
                                                   personID: nil, encounterID: nil, session: session, field: file.field, caseID: caseID)
                    out[name] = .image(view.id)
                    link.append(view.id)
                case .image(let id)?:
                    guard let info = try AttachmentStore.info(db, id: id) else {
                        issues.append(ValidationIssue(path: path, message: "there is no attachment \(id); give the path of the PNG file instead"))
                        continue
                    }
                    if let e = info.encounterId {
                        let owner = try EncounterStore.fetch(db, id: e)
                        if owner?.caseId != caseID {
                            issues.append(ValidationIssue(path: path, message: "attachment \(id) belongs to encounter \(e) of another case; attach the file again for this case"))
                        }
                    } else if let p = info.personId, p != state.person.id {
                        issues.append(ValidationIssue(path: path, message: "attachment \(id) belongs to another person (\(p)); attach the file again for this case"))
                    } else if !link.contains(id) {
                        link.append(id)
                    }
                case .group(let instances)?:
                    out[name] = .group(try instances.enumerated().map { i, inst in try map(inst, prefix.appending(name, index: i + 1)) })
                default:
                    break
                }
            }
            return out
        }
        let mapped = try map(answers, FieldPath([]))
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        return (mapped, link)
    }

    /// Ties attachments stored without an encounter to the encounter just saved.
    func linkImageAnswers(_ db: Database, _ ids: [Int64], to encounterID: Int64) throws {
        for id in ids { try AttachmentStore.link(db, id: id, encounterID: encounterID) }
    }
}
