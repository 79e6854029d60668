import ClearanceCore
import Foundation

/// A form being filled, saved after every committed field so that a crash or a dropped
/// SSH session loses at most the field being typed.
///
/// `id` names what the draft is for, chosen by the caller (`case-42/tb`); saving again
/// under the same id replaces it.
public struct Draft: Hashable, Sendable {
    public var id: String
    /// The form's module id, version and hash: a draft is only resumed with the same form.
    public var formID: String
    public var formVersion: String
    public var formHash: String
    /// When it was last written (from the caller's clock).
    public var savedAt: Date
    /// Free-form facts to show when offering the draft back (`person`, `case`, `module`, `user`).
    public var context: [String: String]
    public var answers: Answers
    /// Image files attached so far, by field path.
    public var imageFiles: [String: String]

    public init(id: String, formID: String, formVersion: String, formHash: String, savedAt: Date,
                context: [String: String] = [:], answers: Answers, imageFiles: [String: String] = [:]) {
        self.id = id; self.formID = formID; self.formVersion = formVersion; self.formHash = formHash
        self.savedAt = savedAt; self.context = context; self.answers = answers; self.imageFiles = imageFiles
    }

    /// A draft of `form` with these answers.
    public init(id: String, form: FormSpec, savedAt: Date, context: [String: String] = [:],
                answers: Answers, imageFiles: [String: String] = [:]) {
        self.init(id: id, formID: form.id, formVersion: form.version, formHash: form.hash, savedAt: savedAt,
                  context: context, answers: answers, imageFiles: imageFiles)
    }

    /// Whether the draft was made with exactly this form (same version and hash).
    public func matches(_ form: FormSpec) -> Bool {
        formID == form.id && formVersion == form.version && formHash == form.hash
    }
}

/// Where drafts live.
///
/// Contract: ``save(_:)`` is atomic (after a crash either the old or the new draft is
/// there, never a torn file) and durable on return; ``pending()`` lists every draft not
/// removed, newest first, skipping nothing silently (an unreadable draft is an error).
public protocol DraftStore: Sendable {
    /// Writes or replaces the draft with `draft.id`.
    func save(_ draft: Draft) throws
    /// The draft with this id, or nil.
    func load(id: String) throws -> Draft?
    /// Deletes the draft (after the form was saved or discarded on purpose). No error if absent.
    func remove(id: String) throws
    /// Every draft, newest first: what to offer back on the next start.
    func pending() throws -> [Draft]
}

/// A draft that could not be read or written, naming the file and what to do.
public struct DraftStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable { case unreadable, unwritable }
    let kind: Kind
    /// The file concerned.
    public let file: String
    let reason: String

    static func unreadable(_ file: String, _ reason: String) -> Self { .init(kind: .unreadable, file: file, reason: reason) }
    static func unwritable(_ file: String, _ reason: String) -> Self { .init(kind: .unwritable, file: file, reason: reason) }

    public var description: String {
        switch kind {
        case .unreadable: return "\(file): draft cannot be read (\(reason)); move the file away to start afresh"
        case .unwritable: return "\(file): draft cannot be written (\(reason)); check the drafts directory exists and is writable"
        }
    }
}
