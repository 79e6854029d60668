import CHaru
import ClearanceCore
import Foundation

/// A photo loaded into the PDF with its pixel size (for the aspect ratio).
struct PlacedPhoto {
    let image: HPDF_Image
    let photo: CertificatePhoto
}

/// The certificate's page layout: draws each block top to bottom with a moving cursor.
///
/// The officer, signature and QR block is anchored to the bottom of the page; the flowing blocks
/// above it must end before it, else rendering fails with a clear error rather than overlapping.
struct CertificateLayout {
    let canvas: PDFCanvas
    let certificate: CertificateDocument
    let signed: SignedPayload

    let margin: Float = 40
    /// Top of the bottom-anchored officer/QR block.
    let bottomBlockTop: Float = 192
    var cursor: Float = 0

    init(canvas: PDFCanvas, certificate: CertificateDocument, signed: SignedPayload) {
        self.canvas = canvas
        self.certificate = certificate
        self.signed = signed
    }

    var left: Float { margin }
    var right: Float { canvas.width - margin }
    var contentWidth: Float { right - left }

    mutating func drawAll(qr: QRMatrix, photo: PlacedPhoto?) throws {
        try drawFrame()
        try drawHeader()
        try drawTitle()
        try drawHolder(photo: photo)
        try drawExamination()
        try drawOutcome()
        guard cursor > bottomBlockTop else {
            throw CertificateError(.invalidField(field: "tests and conditions",
                reason: "they do not fit on one page; shorten the conditions or list fewer tests"))
        }
        try drawOfficerAndQR(qr: qr)
        try drawFooter()
    }

    // MARK: - Blocks

    func drawFrame() throws {
        try canvas.strokeRect(x: 18, y: 18, width: canvas.width - 36, height: canvas.height - 36,
                              color: .navy, lineWidth: 1.2)
        try canvas.strokeRect(x: 22, y: 22, width: canvas.width - 44, height: canvas.height - 44,
                              color: .rule, lineWidth: 0.4)
    }

    mutating func drawHeader() throws {
        let top = canvas.height - 22
        try canvas.fillRect(x: 22, y: top - 56, width: canvas.width - 44, height: 56, color: .navy)
        try canvas.text(certificate.clinicName, x: left, y: top - 25, font: canvas.bold, size: 15,
                        color: .white, maxWidth: contentWidth * 0.62)
        let place = certificate.clinicAddress.isEmpty ? "Health assessment clinic" : certificate.clinicAddress
        try canvas.text("\(place) · Site code \(certificate.siteCode)", x: left, y: top - 42,
                        font: canvas.regular, size: 9, color: PDFColor(r: 0.80, g: 0.86, b: 0.94),
                        maxWidth: contentWidth * 0.62)
        try canvas.text("MIGRATION HEALTH SCREENING", x: right, y: top - 25, font: canvas.bold, size: 8,
                        color: .white, align: .right)
        try canvas.text("Issued \(certificate.issueDate)", x: right, y: top - 42, font: canvas.regular, size: 9,
                        color: PDFColor(r: 0.80, g: 0.86, b: 0.94), align: .right)
        cursor = top - 56
    }

    mutating func drawTitle() throws {
        let mid = canvas.width / 2
        cursor -= 34
        try canvas.text("Medical Fitness Certificate", x: mid, y: cursor, font: canvas.bold, size: 22,
                        color: .ink, align: .center)
        cursor -= 17
        try canvas.text("Programme: \(certificate.programme)   ·   Destination: \(certificate.destination)",
                        x: mid, y: cursor, font: canvas.regular, size: 10, color: .muted, align: .center,
                        maxWidth: contentWidth)
        cursor -= 12
        let boxWidth: Float = 300, boxHeight: Float = 38
        let boxY = cursor - boxHeight
        try canvas.fillRect(x: mid - boxWidth / 2, y: boxY, width: boxWidth, height: boxHeight, color: .shade)
        try canvas.strokeRect(x: mid - boxWidth / 2, y: boxY, width: boxWidth, height: boxHeight,
                              color: .navy, lineWidth: 0.8)
        try canvas.text("CERTIFICATE NUMBER", x: mid, y: boxY + 27, font: canvas.regular, size: 7,
                        color: .muted, align: .center)
        try canvas.text(certificate.certificateID.description, x: mid, y: boxY + 8, font: canvas.bold, size: 16,
                        color: .navy, align: .center)
        cursor = boxY - 8
    }

    mutating func sectionHeading(_ title: String) throws {
        cursor -= 12
        try canvas.text(title.uppercased(), x: left, y: cursor, font: canvas.bold, size: 8.5, color: .navy)
        cursor -= 5
        try canvas.line(x1: left, y1: cursor, x2: right, y2: cursor, color: .navy, lineWidth: 0.6)
    }

    /// A label and value on one row.
    mutating func field(_ label: String, _ value: String, valueWidth: Float, labelWidth: Float = 150,
                        bold: Bool = true) throws {
        cursor -= 16
        try canvas.text(label, x: left, y: cursor, font: canvas.regular, size: 8.5, color: .muted)
        try canvas.text(value, x: left + labelWidth, y: cursor, font: bold ? canvas.bold : canvas.regular,
                        size: 11, color: .ink, maxWidth: valueWidth)
    }

    mutating func drawHolder(photo: PlacedPhoto?) throws {
        try sectionHeading("Holder")
        let photoWidth: Float = 99, photoHeight: Float = 128   // 35 x 45 mm, passport size
        let photoX = right - photoWidth, photoTop = cursor - 8
        let person = certificate.person
        let valueWidth = photoX - 12 - (left + 150)
        cursor -= 2
        try field("Surname", person.surname, valueWidth: valueWidth)
        try field("Given names", person.givenNames.isEmpty ? "—" : person.givenNames, valueWidth: valueWidth)
        try field("Date of birth", person.dateOfBirth.description, valueWidth: valueWidth)
        try field("Sex", person.sex, valueWidth: valueWidth)
        try field("Nationality", person.nationality, valueWidth: valueWidth)
        try field("Travel document", person.documentType, valueWidth: valueWidth)
        try field("Document number", person.documentNumber, valueWidth: valueWidth)

        try canvas.fillRect(x: photoX, y: photoTop - photoHeight, width: photoWidth, height: photoHeight, color: .shade)
        if let photo {
            let scale = min(photoWidth / Float(photo.photo.width), photoHeight / Float(photo.photo.height))
            let w = Float(photo.photo.width) * scale, h = Float(photo.photo.height) * scale
            try canvas.image(photo.image, x: photoX + (photoWidth - w) / 2, y: photoTop - photoHeight + (photoHeight - h) / 2,
                             width: w, height: h)
        } else {
            try canvas.text("No photo", x: photoX + photoWidth / 2, y: photoTop - photoHeight / 2,
                            font: canvas.regular, size: 9, color: .muted, align: .center)
        }
        try canvas.strokeRect(x: photoX, y: photoTop - photoHeight, width: photoWidth, height: photoHeight,
                              color: .ink, lineWidth: 0.6)
        cursor = min(cursor, photoTop - photoHeight) - 6
        if photo == nil, let reason = certificate.noPhotoReason {
            try field("No photo, because", reason, valueWidth: contentWidth - 150, bold: false)
            cursor -= 6
        }
    }

    mutating func drawExamination() throws {
        try sectionHeading("Examination")
        cursor -= 2
        let dates = certificate.examinationStart == certificate.examinationEnd
            ? certificate.examinationStart.description
            : "\(certificate.examinationStart) to \(certificate.examinationEnd)"
        try field("Examination dates", dates, valueWidth: 135)
        // What the programme counts validity from (the issue date or a test's date) shares the
        // row: right half, label then value.
        let anchor = certificate.validityAnchor
        let anchorX = left + 292, anchorLabelWidth: Float = 86
        try canvas.text("Validity counts from", x: anchorX, y: cursor, font: canvas.regular, size: 8.5, color: .muted)
        try canvas.text("\(anchor.event) \(anchor.date)", x: right, y: cursor, font: canvas.bold, size: 11, align: .right,
                        maxWidth: right - anchorX - anchorLabelWidth)
        cursor -= 8
        let columns: [Float] = [left, left + 290, left + 400]
        let rowHeight: Float = 14
        try canvas.fillRect(x: left, y: cursor - rowHeight, width: contentWidth, height: rowHeight, color: .shade)
        for (title, x) in zip(["Test", "Status", "Date"], columns) {
            try canvas.text(title, x: x + 6, y: cursor - 10.5, font: canvas.bold, size: 8.5, color: .navy)
        }
        cursor -= rowHeight
        for line in certificate.tests {
            try canvas.text(line.test, x: columns[0] + 6, y: cursor - 10.5, font: canvas.regular, size: 9.5,
                            maxWidth: columns[1] - columns[0] - 12)
            try canvas.text(line.done ? "Done" : "Not done", x: columns[1] + 6, y: cursor - 10.5,
                            font: line.done ? canvas.bold : canvas.regular, size: 9.5,
                            color: line.done ? .ink : .muted)
            try canvas.text(line.date?.description ?? "—", x: columns[2] + 6, y: cursor - 10.5,
                            font: canvas.regular, size: 9.5)
            cursor -= rowHeight
            try canvas.line(x1: left, y1: cursor, x2: right, y2: cursor, color: .rule, lineWidth: 0.4)
        }
        if certificate.tests.isEmpty {
            try canvas.text("No tests listed", x: left + 6, y: cursor - 10.5, font: canvas.regular, size: 9.5,
                            color: .muted)
            cursor -= rowHeight
        }
        cursor -= 10
    }

    mutating func drawOutcome() throws {
        try sectionHeading("Fitness outcome")
        cursor -= 10
        let color: PDFColor
        switch certificate.outcome {
        case .fit: color = .green
        case .fitWithConditions: color = .amber
        case .unfit: color = .red
        case .programme: color = .navy
        }
        let boxHeight: Float = 42
        let boxWidth: Float = 300
        let boxX = left
        try canvas.strokeRect(x: boxX, y: cursor - boxHeight, width: boxWidth, height: boxHeight,
                              color: color, lineWidth: 2.4)
        try canvas.text(certificate.outcome.code, x: boxX + boxWidth / 2, y: cursor - boxHeight / 2 - 7,
                        font: canvas.bold, size: 20, color: color, align: .center, maxWidth: boxWidth - 20)
        // Validity beside the outcome box.
        let vx = boxX + boxWidth + 24
        try canvas.text("Date of issue", x: vx, y: cursor - 12, font: canvas.regular, size: 8.5, color: .muted)
        try canvas.text(certificate.issueDate.description, x: vx + 80, y: cursor - 12, font: canvas.bold, size: 11)
        try canvas.text("Valid until", x: vx, y: cursor - 33, font: canvas.regular, size: 8.5, color: .muted)
        try canvas.text(certificate.expiryDate.description, x: vx + 80, y: cursor - 33, font: canvas.bold, size: 11)
        cursor -= boxHeight + 16
        try canvas.text("Conditions / follow-up", x: left, y: cursor, font: canvas.regular, size: 8.5, color: .muted)
        if certificate.conditions.isEmpty {
            try canvas.text("None", x: left + 150, y: cursor, font: canvas.regular, size: 10)
            cursor -= 6
        } else {
            for condition in certificate.conditions {
                for (index, line) in try canvas.wrap(condition, font: canvas.regular, size: 10,
                                                 maxWidth: contentWidth - 165).enumerated() {
                    try canvas.text((index == 0 ? "• " : "   ") + line, x: left + 150, y: cursor,
                                    font: canvas.regular, size: 10, maxWidth: contentWidth - 150)
                    cursor -= 13
                }
            }
        }
    }

    func drawOfficerAndQR(qr: QRMatrix) throws {
        let qrSide: Float = 114
        let qrX = right - qrSide, qrY: Float = 58
        let top = bottomBlockTop
        try canvas.line(x1: left, y1: top, x2: right, y2: top, color: .navy, lineWidth: 0.6)
        try canvas.text("MEDICAL OFFICER", x: left, y: top - 16, font: canvas.bold, size: 8.5, color: .navy)
        try canvas.text(certificate.officer.name, x: left, y: top - 33, font: canvas.bold, size: 12,
                        maxWidth: qrX - left - 20)
        try canvas.text("Registration no. \(certificate.officer.registrationNumber)", x: left, y: top - 47,
                        font: canvas.regular, size: 9.5, maxWidth: qrX - left - 20)
        try canvas.text("\(certificate.clinicName), site \(certificate.siteCode)", x: left, y: top - 60,
                        font: canvas.regular, size: 9.5, color: .muted, maxWidth: qrX - left - 20)

        let sealY: Float = 64
        try canvas.fillRect(x: left, y: sealY, width: qrX - left - 20, height: 54, color: .shade)
        try canvas.text("Signed digitally (Ed25519)", x: left + 10, y: sealY + 37, font: canvas.bold, size: 10,
                        color: .navy)
        try canvas.text("Clinic key id \(signed.payload.keyID.hex)", x: left + 10, y: sealY + 22,
                        font: canvas.regular, size: 9)
        try canvas.text("The QR code holds the signed certificate data.", x: left + 10, y: sealY + 8,
                        font: canvas.regular, size: 8, color: .muted, maxWidth: qrX - left - 40)

        // Quiet zone: keep the page white for 4 modules around the code (nothing drawn there).
        try canvas.qrCode(qr, x: qrX, y: qrY, side: qrSide)
        try canvas.text("Verify: clearance certificate verify <this PDF or the QR text> --public-key <clinic key>",
                        x: left, y: 48, font: canvas.regular, size: 7.5, color: .ink, maxWidth: contentWidth)
    }

    func drawFooter() throws {
        try canvas.line(x1: left, y1: 40, x2: right, y2: 40, color: .rule, lineWidth: 0.4)
        try canvas.text("This certificate states the fitness outcome only; it contains no diagnosis or test result. "
                        + "Any alteration invalidates the digital signature.",
                        x: canvas.width / 2, y: 30, font: canvas.regular, size: 6.5, color: .muted, align: .center,
                        maxWidth: contentWidth)
    }
}
