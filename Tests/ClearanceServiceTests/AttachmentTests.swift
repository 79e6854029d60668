import ClearanceCore
import ClearanceImaging
import ClearanceService
import ClearanceStore
import Crypto
import Foundation
import GRDB
import Testing

@Suite("Attached images")
struct AttachmentTests {
    @Test func originalIsKeptByteForByteBesideAnEightBitCopyAndAThumbnail() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let encounter = try c.imagingEncounter()
        let path = ImageClinic.fixture("grey16.png")
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let audits = try c.count("audit_log")

        let view = try c.service.attach(fileAt: path, toEncounter: encounter, kind: .cxr, by: c.nurse)
        #expect(view.encounterID == encounter && view.kind == "cxr" && view.mediaType == "image/png")
        #expect(view.byteSize == Int64(original.count))
        #expect(view.sha256 == SHA256.hash(data: original).map { String(format: "%02x", $0) }.joined())
        #expect(try c.count("audit_log") == audits + 1, "the attachment is audited in the same transaction")

        let (_, exported) = try c.service.exportAttachment(view.id, by: c.nurse)
        #expect(exported == original)
        let (_, copy) = try c.service.exportAttachment(view.id, rendition: .normalised, by: c.nurse)
        let decoded = try PNGDecoder.decode([UInt8](copy))
        #expect(decoded.info.bitDepth == 8)
        #expect(decoded.info.width == view.rendition(.normalised)?.width)
        #expect(try c.count("audit_log") == audits + 3, "each export is audited")
        #expect(try c.service.attachments(ofEncounter: encounter, by: c.nurse).map(\.id) == [view.id])
    }

    @Test func thumbnailLongestSideIsAtMost256() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let encounter = try c.imagingEncounter()
        let path = try c.write(try ImageClinic.grey16(width: 640, height: 480), "big16.png")
        let view = try c.service.attach(fileAt: path, toEncounter: encounter, kind: .other, by: c.nurse)
        #expect(view.rendition(.normalised).map { [$0.width, $0.height] } == [640, 480])
        #expect(view.rendition(.thumbnail).map { [$0.width, $0.height] } == [256, 192])
        let (_, thumb) = try c.service.exportAttachment(view.id, rendition: .thumbnail, by: c.mo)
        let info = try PNGDecoder.decode([UInt8](thumb)).info
        #expect((info.width, info.height, info.bitDepth) == (256, 192, 8))
    }

    @Test(arguments: ["bad_bit_depth.png", "bad_crc.png", "empty.png", "first_chunk_not_ihdr.png", "huge_declared.png",
                      "idat_garbage.png", "not_enough_data.png", "signature_only.png", "truncated_in_idat.png",
                      "truncated_no_iend.png", "wrong_signature.png", "zero_width.png"])
    func malformedImagesAreRefusedAndNothingIsStored(name: String) throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let encounter = try c.imagingEncounter()
        let before = try c.counts()
        let path = ImageClinic.fixture("malformed/\(name)")
        #expect {
            try c.service.attach(fileAt: path, toEncounter: encounter, kind: .cxr, by: c.nurse)
        } throws: { error in
            guard let e = error as? ServiceError else { return false }
            return e.exitCode == 6 && e.description.contains(name)
        }
        #expect(try c.counts() == before)
    }

    @Test func missingFileAndUnknownEncounterSayWhatToDo() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let encounter = try c.imagingEncounter()
        #expect { try c.service.attach(fileAt: c.dir.appendingPathComponent("nope.png").path, toEncounter: encounter, kind: .cxr, by: c.nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 6 && "\($0)".contains("nope.png") }
        #expect { try c.service.attach(fileAt: ImageClinic.fixture("rgb8.png"), toEncounter: 999, kind: .cxr, by: c.nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 5 }
        #expect(throws: ServiceError.self) { try c.service.host.attachmentKind(named: "xray") }
    }

    @Test func confidentialEncountersNeedTheirReadRoles() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let caseID = try c.openCase().caseID
        let secret = try c.service.record(module: "secret", caseID: caseID, answers: Answers(["result": .bool(false)]), by: c.counsellor).encounterID
        let before = try c.counts()
        #expect { try c.service.attach(fileAt: ImageClinic.fixture("rgb8.png"), toEncounter: secret, kind: .other, by: c.clerk) }
            throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect { try c.service.attachments(ofEncounter: secret, by: c.nurse) } throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect(try c.counts() == before)
        let view = try c.service.attach(fileAt: ImageClinic.fixture("rgb8.png"), toEncounter: secret, kind: .other, by: c.counsellor)
        #expect { try c.service.exportAttachment(view.id, by: c.nurse) } throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect(try c.service.exportAttachment(view.id, by: c.mo).1.count == Int(view.byteSize))
    }

    @Test func verifyFindsAnOriginalChangedBehindTheApplicationsBack() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let encounter = try c.imagingEncounter()
        let a = try c.service.attach(fileAt: ImageClinic.fixture("rgb8.png"), toEncounter: encounter, kind: .cxr, by: c.nurse)
        let b = try c.service.attach(fileAt: ImageClinic.fixture("grey8.png"), toEncounter: encounter, kind: .cxr, by: c.nurse)
        #expect(try c.service.verifyAttachments(by: c.admin).ok)
        #expect { try c.service.verifyAttachments(by: c.nurse) } throws: { ($0 as? ServiceError)?.exitCode == 4 }
        // The store refuses the change itself...
        #expect(throws: DatabaseError.self) {
            try c.service.database.write { db in try db.execute(sql: "UPDATE attachments SET bytes = x'00' WHERE id = ?", arguments: [b.id]) }
        }
        // ...so change it with the trigger dropped, and the hash column too: the audit log still knows.
        try c.service.database.write { db in
            try db.execute(sql: "DROP TRIGGER attachments_original_immutable")
            try db.execute(sql: "UPDATE attachments SET bytes = x'89504e47', byte_size = 4, sha256 = ? WHERE id = ?",
                           arguments: [SHA256.hash(data: Data([0x89, 0x50, 0x4e, 0x47])).map { String(format: "%02x", $0) }.joined(), b.id])
        }
        let report = try c.service.verifyAttachments(by: c.mo)
        #expect(!report.ok && report.checked == 2)
        #expect(report.mismatches.map(\.attachmentID) == [b.id])
        #expect(report.mismatches.first?.problem.contains("audit log") == true)
        _ = a
    }

    @Test func personPhotoIsStoredAndPointedTo() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let person = try c.openCase().person
        let first = try c.service.setPhoto(personID: person, fileAt: ImageClinic.fixture("rgba8.png"), by: c.clerk)
        #expect(try c.service.person(person, by: c.clerk).photoAttachmentID == first.id)
        let second = try c.service.setPhoto(personID: person, fileAt: ImageClinic.fixture("palette8.png"), by: c.clerk)
        #expect(try c.service.person(person, by: c.clerk).photoAttachmentID == second.id)
        #expect(second.personID == person && second.kind == "photo")
        #expect { try c.service.setPhoto(personID: person, fileAt: ImageClinic.fixture("rgb8.png"), by: c.counsellor) }
            throws: { ($0 as? ServiceError)?.exitCode == 4 }
        #expect { try c.service.setPhoto(personID: 77, fileAt: ImageClinic.fixture("rgb8.png"), by: c.clerk) }
            throws: { ($0 as? ServiceError)?.exitCode == 5 }
    }

    @Test func imageAnswersMayNameAFileAttachedWithTheEncounter() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let caseID = try c.openCase().caseID
        let json: [String: Any] = ["scan": ImageClinic.fixture("grey16.png"), "views": [["picture": ImageClinic.fixture("rgb8.png")]]]
        let out = try c.service.record(module: "imaging", caseID: caseID, json: json, by: c.nurse)
        #expect(out.resultCodes == ["IMG-DONE"])
        let attachments = try c.service.attachments(ofEncounter: out.encounterID, by: c.nurse)
        #expect(attachments.count == 2 && attachments.allSatisfy { $0.encounterID == out.encounterID })
        let answers = try #require(try c.service.encounter(out.encounterID, by: c.nurse).answers)
        #expect(answers["scan"] == .image(attachments[0].id))
        #expect(answers.value(at: FieldPath("views[1].picture")!) == .image(attachments[1].id))
        let original = try Data(contentsOf: URL(fileURLWithPath: ImageClinic.fixture("grey16.png")))
        #expect(try c.service.exportAttachment(attachments[0].id, by: c.nurse).1 == original)
    }

    @Test func aBadImageFileInTheAnswersSavesNothing() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let caseID = try c.openCase().caseID
        let before = try c.counts()
        let json: [String: Any] = ["scan": ImageClinic.fixture("grey8.png"), "views": [["picture": ImageClinic.fixture("malformed/bad_crc.png")]]]
        #expect { try c.service.record(module: "imaging", caseID: caseID, json: json, by: c.nurse) } throws: { error in
            guard let e = error as? ServiceError, e.exitCode == 6 else { return false }
            return e.issues.map(\.path.description) == ["views[1].picture"] && e.description.contains("bad_crc.png")
        }
        #expect { try c.service.record(module: "imaging", caseID: caseID, json: ["scan": 4242], by: c.nurse) }
            throws: { ($0 as? ServiceError)?.issues.first?.message.contains("no attachment 4242") == true }
        #expect { try c.service.record(module: "imaging", caseID: caseID, json: ["scan": -1], by: c.nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 6 }
        #expect(try c.counts() == before)
    }

    @Test func anImageStoredWhileAFormIsFilledIsTiedToTheEncounter() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let (_, caseID) = try c.openCase()
        let stored = try c.service.storeImage(fileAt: ImageClinic.fixture("rgb16.png"), by: c.nurse)
        #expect(stored.encounterID == nil)
        let out = try c.service.record(module: "imaging", caseID: caseID, answers: Answers(["scan": .image(stored.id)]), by: c.nurse)
        #expect(try c.service.attachments(ofEncounter: out.encounterID, by: c.nurse).map(\.id) == [stored.id])
        // Another case cannot point at it.
        let other = try c.openCase(document: "P2").caseID
        #expect { try c.service.record(module: "imaging", caseID: other, answers: Answers(["scan": .image(stored.id)]), by: c.nurse) }
            throws: { ($0 as? ServiceError)?.exitCode == 6 }
    }

    @Test func anUnlinkedImageServesOnlyTheUserWhoStoredItAndOnlyAKindTheModuleTakes() throws {
        let c = try ImageClinic(); defer { c.cleanup() }
        let (_, caseID) = try c.openCase()
        // Stored by the medical officer while filling a form: the nurse may not use it.
        let theirs = try c.service.storeImage(fileAt: ImageClinic.fixture("rgb8.png"), by: c.mo)
        #expect { try c.service.record(module: "imaging", caseID: caseID, answers: Answers(["scan": .image(theirs.id)]), by: c.nurse) }
            throws: { ($0 as? ServiceError)?.issues.map(\.description) == ["scan: attachment \(theirs.id) is tied to no encounter and was stored by another user; give the path of the PNG file instead"] }
        // A photo is not an image this module takes (it takes `other` images).
        let photo = try c.service.storeImage(fileAt: ImageClinic.fixture("rgb8.png"), kind: .photo, by: c.nurse)
        #expect { try c.service.record(module: "imaging", caseID: caseID, answers: Answers(["scan": .image(photo.id)]), by: c.nurse) }
            throws: { ($0 as? ServiceError)?.issues.first?.message.contains("is a photo image; this field takes other images") == true }
        #expect(try c.service.attachment(theirs.id, by: c.mo).encounterID == nil, "nothing was tied")
    }
}

/// A declarative module declares the attachment kinds its image fields take.
@Suite("Declared attachment kinds")
struct DeclaredAttachmentKindTests {
    static let ecg = """
    form:
      id: ecg
      version: "1"
      title: ECG
      languages: [en]
    module:
      id: ecg
      version: 1.0.0
      host_api: ">=1.0 <2.0"
      implementation: declarative
      record_roles: [nurse]
      attachment_kinds: [ecg]
      result_codes:
        - {code: ECG-DONE, meaning: Done}
      rules:
        - {code: ECG-DONE, when: "answered(${trace})"}
    fields:
      - {name: trace, type: image, label: Trace}
    """

    @Test func aPNGPathIsStoredAsTheDeclaredKindAndOtherKindsAreRefused() throws {
        let file = try FormLoader.load(yaml: Self.ecg, origin: "ecg.yaml")
        #expect(file.module?.manifest.attachmentKinds == ["ecg"])
        let c = try Clinic(modules: { $0 + [DeclarativeModule(form: file.form, spec: file.module!)] })
        defer { c.cleanup() }
        let caseID = try c.openCase()
        #expect(c.service.host.attachmentKinds.map(\.rawValue).contains("ecg"))
        let other = try c.service.storeImage(fileAt: ImageClinic.fixture("rgb8.png"), by: c.nurse)
        #expect { try c.service.record(module: "ecg", caseID: caseID, answers: Answers(["trace": .image(other.id)]), by: c.nurse) }
            throws: { ($0 as? ServiceError)?.issues.first?.message.contains("this field takes ecg images") == true }
        let out = try c.service.record(module: "ecg", caseID: caseID, json: ["trace": ImageClinic.fixture("rgb8.png")], by: c.nurse)
        #expect(try c.service.attachments(ofEncounter: out.encounterID, by: c.nurse).map(\.kind) == ["ecg"])
    }

    @Test func aBadKindNameIsALintProblem() {
        let bad = Self.ecg.replacingOccurrences(of: "attachment_kinds: [ecg]", with: "attachment_kinds: [ECG trace]")
        #expect { try FormLoader.load(yaml: bad, origin: "ecg.yaml") } throws: { "\($0)".contains("attachment kind 'ECG trace' must be lower case") }
    }
}
