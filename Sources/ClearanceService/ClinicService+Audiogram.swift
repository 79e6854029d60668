import ClearanceCore
import ClearanceImaging
import ClearanceStore
import Foundation
import GRDB

/// The picture a module declares it can draw (``ScreeningModule/picture(_:)``), such as an
/// audiogram: drawn by the host, optionally stored as an attachment of the encounter.
extension ClinicService {
    /// Draws the picture of an encounter whose module declares one (an audiogram: SCREENING.md
    /// section 5 conventions: right ear red O / <, left ear blue X / >, masked and no-response
    /// symbols) as a PNG, captioned with the person's name and id, the test date and the
    /// encounter (``AudiogramCaption``), and optionally stores it as an attachment of the
    /// encounter, of the kind the module declares.
    ///
    /// - Parameters:
    ///   - encounterID: An encounter of a module that draws an audiogram.
    ///   - width: Picture width in pixels (clamped by the renderer to 480...4096).
    ///   - height: Picture height in pixels (clamped to 320...4096).
    ///   - attach: Also store the picture as an attachment (needs ``Privilege/attachImages``).
    ///   - session: Who asks.
    /// - Returns: The PNG bytes, and the stored attachment when `attach` is true.
    /// - Throws: ``ServiceError``: not found, forbidden, invalid (the module draws no audiogram),
    ///   conflict (attaching to a closed or certified case).
    public func audiogram(encounterID: Int64, width: Int = 900, height: Int = 600, attach: Bool = false,
                          by session: Session) throws -> (png: Data, attachment: AttachmentView?) {
        try session.require(.findPersons)
        let (picture, kind): (ClearanceImaging.Audiogram, String) = try read { db in
            let (encounter, _) = try readableEncounter(db, encounterID, session)
            let answers = try EncounterStore.answers(db, encounterID: encounterID)
            let drawing = host.registry.module(encounter.moduleId)?.picture(answers)
            guard let drawing, case .audiogram(let marks) = drawing.content else {
                let drawers = host.registry.modules.filter { $0.picture(Answers()).map { $0.name == "audiogram" } ?? false }.map(\.manifest.id)
                throw ServiceError.invalid(field: "encounter", "encounter \(encounterID) is a \(encounter.moduleId) encounter, whose module draws no audiogram; audiograms are drawn for \(drawers.isEmpty ? "no installed module" : drawers.joined(separator: ", ")) encounters")
            }
            if attach { _ = try attachableEncounter(db, encounterID, session) }
            let date = drawing.dateField.flatMap { answers[$0] }.flatMap { if case .date(let d) = $0 { return d.description } else { return nil } }
                ?? String(encounter.recordedAt.prefix(10))
            let person = try requirePerson(db, try requireCase(db, encounter.caseId).personId)
            let caption = AudiogramCaption.text(person: person, testDate: date, encounterID: encounterID)
            return (Self.picture(of: marks, title: caption), drawing.attachmentKind)
        }
        let png: Data
        do { png = try AudiogramRenderer.render(picture, width: width, height: height) } catch let e as ImagingError {
            throw ServiceError.configuration("could not draw the audiogram of encounter \(encounterID): \(e)")
        }
        guard attach else { return (png, nil) }
        let view = try self.attach(png, source: "audiogram-\(encounterID).png", toEncounter: encounterID, kind: AttachmentKind(kind), by: session)
        return (png, view)
    }

    /// A module's audiogram marks as the renderer's plain value.
    static func picture(of marks: [AudiogramMark], title: String?) -> ClearanceImaging.Audiogram {
        var picture = ClearanceImaging.Audiogram(title: title)
        for p in marks {
            picture.add(.init(ear: p.ear == .right ? .right : .left, conduction: p.conduction == .air ? .air : .bone,
                              frequency: p.frequency, level: p.level, masked: p.masked, noResponse: p.noResponse))
        }
        return picture
    }
}
