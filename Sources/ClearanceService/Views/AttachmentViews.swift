import ClearanceStore
import Foundation

/// What an attached image is, as `clearance attachment add --kind` names it.
///
/// The host's own kinds are ``photo`` and ``other``; modules declare theirs in their manifest
/// (``ModuleManifest/attachmentKinds``: a chest X-ray module's X-rays, an audiogram). Parse a
/// name a user typed with ``HostEnvironment/attachmentKind(named:)``, which knows them all.
public struct AttachmentKind: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.rawValue = name }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// A photograph of the person.
    public static let photo = AttachmentKind("photo")
    /// Any other image.
    public static let other = AttachmentKind("other")
    /// The host's own kinds, besides those modules declare.
    public static let hostKinds: [AttachmentKind] = [.photo, .other]
}

/// A stored attachment as front ends show it: the original's metadata and its renditions.
public struct AttachmentView: Sendable, Hashable, JSONView {
    public var id: Int64
    public var personID: Int64?
    public var encounterID: Int64?
    public var kind: String
    public var mediaType: String
    /// Size of the original in bytes.
    public var byteSize: Int64
    /// SHA-256 of the original, lowercase hex (as `sha256sum` prints it).
    public var sha256: String
    public var createdAt: String
    public var createdBy: String
    /// The normalised copy and the thumbnail (metadata only).
    public var renditions: [RenditionInfo]

    init(_ info: AttachmentInfo, renditions: [RenditionInfo]) {
        id = info.id; personID = info.personId; encounterID = info.encounterId; kind = info.kind
        mediaType = info.mediaType; byteSize = info.byteSize; sha256 = info.sha256
        createdAt = info.createdAt; createdBy = info.createdBy; self.renditions = renditions
    }

    /// The rendition of `kind`, if stored.
    public func rendition(_ kind: RenditionKind) -> RenditionInfo? { renditions.first { $0.kind == kind } }

    enum CodingKeys: String, CodingKey {
        case id, kind, mediaType = "media_type", byteSize = "byte_size", sha256, createdAt = "created_at", createdBy = "created_by"
        case personID = "person_id", encounterID = "encounter_id", width, height, renditions
    }
    struct RenditionView: Encodable {
        var kind: String, mediaType: String, width: Int, height: Int, byteSize: Int64
        enum CodingKeys: String, CodingKey { case kind, mediaType = "media_type", width, height, byteSize = "byte_size" }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(kind, forKey: .kind); try c.encode(mediaType, forKey: .mediaType)
        try c.encode(byteSize, forKey: .byteSize); try c.encode(sha256, forKey: .sha256)
        try c.encode(createdAt, forKey: .createdAt); try c.encode(createdBy, forKey: .createdBy)
        try c.encode(personID, forKey: .personID); try c.encode(encounterID, forKey: .encounterID)
        if let n = rendition(.normalised) { try c.encode(n.width, forKey: .width); try c.encode(n.height, forKey: .height) }
        try c.encode(renditions.map { RenditionView(kind: $0.kind.rawValue, mediaType: $0.mediaType, width: $0.width,
                                                    height: $0.height, byteSize: Int64($0.byteSize)) }, forKey: .renditions)
    }

    /// One line: `Attachment 4 (cxr, image/png, 1024x768, 183204 bytes) sha256 ...`.
    public var text: String {
        let size = rendition(.normalised).map { "\($0.width)x\($0.height), " } ?? ""
        let owner = encounterID.map { " of encounter \($0)" } ?? personID.map { " of person \($0)" } ?? ""
        return "Attachment \(id)\(owner) (\(kind), \(mediaType), \(size)\(byteSize) bytes) sha256 \(sha256)"
    }
}

/// What `attachment verify` found.
public struct AttachmentVerifyReport: Sendable, JSONView {
    /// How many stored originals were re-hashed.
    public var checked: Int
    /// Every original whose bytes do not match its recorded SHA-256 or size.
    public var mismatches: [AttachmentMismatch]

    public var ok: Bool { mismatches.isEmpty }

    struct MismatchView: Encodable {
        var attachmentID: Int64, problem: String
        enum CodingKeys: String, CodingKey { case attachmentID = "attachment_id", problem }
    }
    enum CodingKeys: String, CodingKey { case checked, ok, mismatches }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(checked, forKey: .checked); try c.encode(ok, forKey: .ok)
        try c.encode(mismatches.map { MismatchView(attachmentID: Int64($0.attachmentID), problem: $0.problem) }, forKey: .mismatches)
    }

    public var text: String {
        if ok {
            switch checked {
            case 0: return "No attachments are stored."
            case 1: return "The one stored attachment matches its recorded SHA-256 and size."
            default: return "All \(checked) stored attachments match their recorded SHA-256 and size."
            }
        }
        return (["\(mismatches.count) of \(checked) attachments changed since they were stored:"]
                + mismatches.map { "  attachment \($0.attachmentID): \($0.problem)" }).joined(separator: "\n")
    }
}
