import Audiometry
import ClearanceCore
import ClearanceImaging
import ClearanceStore
import Foundation
import GRDB

/// The audiogram picture of an audiometry encounter.
extension ClinicService {
    /// Draws the audiogram of an audiometry encounter as a PNG (SCREENING.md section 5
    /// conventions: right ear red O / <, left ear blue X / >, masked and no-response symbols),
    /// captioned with the person's name and id, the test date and the encounter (``AudiogramCaption``),
    /// and optionally stores it as an `audiogram` attachment of the encounter.
    ///
    /// - Parameters:
    ///   - encounterID: An audiometry encounter.
    ///   - width: Picture width in pixels (clamped by the renderer to 480...4096).
    ///   - height: Picture height in pixels (clamped to 320...4096).
    ///   - attach: Also store the picture as an attachment (needs ``Privilege/attachImages``).
    ///   - session: Who asks.
    /// - Returns: The PNG bytes, and the stored attachment when `attach` is true.
    /// - Throws: ``ServiceError``: not found, forbidden, invalid (not an audiometry encounter),
    ///   conflict (attaching to a closed or certified case).
    public func audiogram(encounterID: Int64, width: Int = 900, height: Int = 600, attach: Bool = false,
                          by session: Session) throws -> (png: Data, attachment: AttachmentView?) {
        try session.require(.findPersons)
        let picture: ClearanceImaging.Audiogram = try read { db in
            let (encounter, _) = try readableEncounter(db, encounterID, session)
            guard encounter.moduleId == AudiometryModule.id else {
                throw ServiceError.invalid(field: "encounter", "encounter \(encounterID) is a \(encounter.moduleId) encounter; audiograms are drawn for \(AudiometryModule.id) encounters")
            }
            if attach { _ = try attachableEncounter(db, encounterID, session) }
            let answers = try EncounterStore.answers(db, encounterID: encounterID)
            let date = answers["test_date"].flatMap { if case .date(let d) = $0 { return d.description } else { return nil } }
                ?? String(encounter.recordedAt.prefix(10))
            let person = try requirePerson(db, try requireCase(db, encounter.caseId).personId)
            let caption = AudiogramCaption.text(person: person, testDate: date, encounterID: encounterID)
            return Self.picture(of: AudiometryModule.audiogram(from: answers), title: caption)
        }
        let png: Data
        do { png = try AudiogramRenderer.render(picture, width: width, height: height) } catch let e as ImagingError {
            throw ServiceError.configuration("could not draw the audiogram of encounter \(encounterID): \(e)")
        }
        guard attach else { return (png, nil) }
        let view = try self.attach(png, source: "audiogram-\(encounterID).png", toEncounter: encounterID, kind: .audiogram, by: session)
        return (png, view)
    }

    /// The audiometry module's point table as the renderer's plain value.
    static func picture(of table: Audiometry.Audiogram, title: String?) -> ClearanceImaging.Audiogram {
        var picture = ClearanceImaging.Audiogram(title: title)
        for p in table.points {
            picture.add(.init(ear: p.ear == .right ? .right : .left, conduction: p.conduction == .air ? .air : .bone,
                              frequency: p.frequency, level: p.threshold, masked: p.masked, noResponse: p.noResponse))
        }
        return picture
    }
}
