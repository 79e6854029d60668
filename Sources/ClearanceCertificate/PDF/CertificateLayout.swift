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
    /// The labels, in the certificate's language beside English.
    let labels: CertificateLabels

    let margin: Float = 40
    /// Top of the bottom-anchored officer/QR block.
    let bottomBlockTop: Float = 192
    var cursor: Float = 0

    init(canvas: PDFCanvas, certificate: CertificateDocument, signed: SignedPayload) {
        self.canvas = canvas
        self.certificate = certificate
        self.signed = signed
        self.labels = CertificateLabels(language: certificate.language)
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
                reason: "they do not fit on one page (\(certificate.tests.count) tests, \(certificate.conditions.count) lines of conditions); shorten the conditions"))
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
        let place = certificate.clinicAddress.isEmpty ? labels("clinic_fallback") : certificate.clinicAddress
        try canvas.text("\(place) · \(labels("site_code")) \(certificate.siteCode)", x: left, y: top - 42,
                        font: canvas.regular, size: 9, color: PDFColor(r: 0.80, g: 0.86, b: 0.94),
                        maxWidth: contentWidth * 0.62)
        if labels.bilingual {
            try canvas.fitted(labels.local("screening").uppercased(), x: right, y: top - 14, font: canvas.bold, size: 7,
                              color: .white, align: .right, width: contentWidth * 0.36)
        }
        try canvas.text(CertificateLabels.english("screening").uppercased(), x: right, y: top - 25, font: canvas.bold, size: 8,
                        color: .white, align: .right)
        try canvas.text("\(labels("issued")) \(certificate.issueDate)", x: right, y: top - 42, font: canvas.regular, size: 9,
                        color: PDFColor(r: 0.80, g: 0.86, b: 0.94), align: .right)
        cursor = top - 56
    }

    mutating func drawTitle() throws {
        let mid = canvas.width / 2
        cursor -= 34
        try canvas.fitted(labels("title"), x: mid, y: cursor, font: canvas.bold, size: 22, color: .ink, align: .center,
                          width: contentWidth)
        cursor -= 17
        try canvas.text("\(labels("programme")) \(certificate.programme)   ·   \(labels("destination")) \(certificate.destination)",
                        x: mid, y: cursor, font: canvas.regular, size: 10, color: .muted, align: .center,
                        maxWidth: contentWidth)
        cursor -= 12
        let boxWidth: Float = 300, boxHeight: Float = 38
        let boxY = cursor - boxHeight
        try canvas.fillRect(x: mid - boxWidth / 2, y: boxY, width: boxWidth, height: boxHeight, color: .shade)
        try canvas.strokeRect(x: mid - boxWidth / 2, y: boxY, width: boxWidth, height: boxHeight,
                              color: .navy, lineWidth: 0.8)
        try canvas.fitted(labels("number").uppercased(), x: mid, y: boxY + 27, font: canvas.regular, size: 7,
                          color: .muted, align: .center, width: boxWidth - 12)
        try canvas.text(certificate.certificateID.description, x: mid, y: boxY + 8, font: canvas.bold, size: 16,
                        color: .navy, align: .center)
        cursor = boxY - 8
    }

    mutating func sectionHeading(_ key: String) throws {
        cursor -= 12
        try canvas.text(labels(key).uppercased(), x: left, y: cursor, font: canvas.bold, size: 8.5, color: .navy)
        cursor -= 5
        try canvas.line(x1: left, y1: cursor, x2: right, y2: cursor, color: .navy, lineWidth: 0.6)
    }

    /// A label and value on one row.
    /// The label is `labels(key)`, made smaller when it is wider than its column (never cut).
    mutating func field(_ key: String, _ value: String, valueWidth: Float, labelWidth: Float = 150,
                        bold: Bool = true) throws {
        cursor -= 16
        try canvas.fitted(labels(key), x: left, y: cursor, font: canvas.regular, size: 8.5, color: .muted,
                          width: labelWidth - 6)
        try canvas.text(value, x: left + labelWidth, y: cursor, font: bold ? canvas.bold : canvas.regular,
                        size: 11, color: .ink, maxWidth: valueWidth)
    }

    mutating func drawHolder(photo: PlacedPhoto?) throws {
        try sectionHeading("holder")
        let photoWidth: Float = 99, photoHeight: Float = 128   // 35 x 45 mm, passport size
        let photoX = right - photoWidth, photoTop = cursor - 8
        let person = certificate.person
        let valueWidth = photoX - 12 - (left + 150)
        cursor -= 2
        // A name in another script is followed by its ICAO 9303 Latin spelling, on the same row.
        let withLatin = CertificateFacts.withLatin
        try field("surname", withLatin(person.surname), valueWidth: valueWidth)
        try field("given_names", person.givenNames.isEmpty ? "—" : withLatin(person.givenNames), valueWidth: valueWidth)
        try field("date_of_birth", person.dateOfBirth.description, valueWidth: valueWidth)
        try field("sex", person.sex, valueWidth: valueWidth)
        try field("nationality", person.nationality, valueWidth: valueWidth)
        try field("travel_document", person.documentType, valueWidth: valueWidth)
        try field("document_number", person.documentNumber, valueWidth: valueWidth)

        try canvas.fillRect(x: photoX, y: photoTop - photoHeight, width: photoWidth, height: photoHeight, color: .shade)
        if let photo {
            let scale = min(photoWidth / Float(photo.photo.width), photoHeight / Float(photo.photo.height))
            let w = Float(photo.photo.width) * scale, h = Float(photo.photo.height) * scale
            try canvas.image(photo.image, x: photoX + (photoWidth - w) / 2, y: photoTop - photoHeight + (photoHeight - h) / 2,
                             width: w, height: h)
        } else {
            try canvas.fitted(labels("no_photo"), x: photoX + photoWidth / 2, y: photoTop - photoHeight / 2,
                              font: canvas.regular, size: 9, color: .muted, align: .center, width: photoWidth - 8)
        }
        try canvas.strokeRect(x: photoX, y: photoTop - photoHeight, width: photoWidth, height: photoHeight,
                              color: .ink, lineWidth: 0.6)
        cursor = min(cursor, photoTop - photoHeight) - 6
        if photo == nil, let reason = certificate.noPhotoReason {
            try field("no_photo_because", reason, valueWidth: contentWidth - 150, bold: false)
            cursor -= 6
        }
    }

    mutating func drawExamination() throws {
        try sectionHeading("examination")
        cursor -= 2
        let dates = certificate.examinationStart == certificate.examinationEnd
            ? certificate.examinationStart.description
            : "\(certificate.examinationStart) to \(certificate.examinationEnd)"
        try field("examination_dates", dates, valueWidth: 135)
        // What the programme counts validity from (the issue date or a test's date) shares the
        // row: right half, label then value. In two languages the clinic's label is a small line
        // above the English one, which stays right before the value.
        let anchor = certificate.validityAnchor
        let anchorX = left + 292, anchorLabelWidth: Float = 86
        if labels.bilingual {
            try canvas.fitted(labels.local("validity_from"), x: anchorX, y: cursor + 9, font: canvas.regular, size: 6.5,
                              color: .muted, width: right - anchorX)
        }
        try canvas.text(CertificateLabels.english("validity_from"), x: anchorX, y: cursor, font: canvas.regular, size: 8.5, color: .muted)
        try canvas.text("\(anchor.event) \(anchor.date)", x: right, y: cursor, font: canvas.bold, size: 11, align: .right,
                        maxWidth: right - anchorX - anchorLabelWidth)
        cursor -= 8
        // A whole medical lists many tests (gcc-labour: nine): past six they go in two halves
        // side by side, so the page still holds them with the outcome, conditions and the
        // officer's block. Each half reads left to right as name, status, date.
        let rowHeight: Float = 14
        let halves = certificate.tests.count > 6 ? 2 : 1
        let halfWidth = contentWidth / Float(halves)
        let columns: [Float] = halves == 1 ? [0, 290, 400] : [0, halfWidth - 118, halfWidth - 68]
        // In two languages the heading has two lines: the clinic's language over English.
        let headingHeight: Float = labels.bilingual ? rowHeight + 6 : rowHeight
        try canvas.fillRect(x: left, y: cursor - headingHeight, width: contentWidth, height: headingHeight, color: .shade)
        for half in 0..<halves {
            let x0 = left + Float(half) * halfWidth
            let widths = [columns[1] - columns[0], columns[2] - columns[1], halfWidth - columns[2]]
            for (index, (key, x)) in zip(["test", "status", "date"], columns).enumerated() {
                if labels.bilingual {
                    try canvas.fitted(labels.local(key), x: x0 + x + 6, y: cursor - 8, font: canvas.bold, size: 7.5,
                                      color: .navy, width: widths[index] - 8)
                }
                try canvas.text(CertificateLabels.english(key), x: x0 + x + 6, y: cursor - headingHeight + 3.5, font: canvas.bold,
                                size: labels.bilingual ? 7.5 : 8.5, color: labels.bilingual ? .muted : .navy)
            }
        }
        cursor -= headingHeight
        let rows = (certificate.tests.count + halves - 1) / halves
        let tableTop = cursor
        for row in 0..<rows {
            for half in 0..<halves {
                let index = half * rows + row
                guard index < certificate.tests.count else { continue }
                let line = certificate.tests[index]
                let x0 = left + Float(half) * halfWidth
                try canvas.text(line.test, x: x0 + columns[0] + 6, y: cursor - 10.5, font: canvas.regular, size: 9.5,
                                maxWidth: columns[1] - columns[0] - 12)
                try canvas.text(line.done ? "Done" : "Not done", x: x0 + columns[1] + 6, y: cursor - 10.5,
                                font: line.done ? canvas.bold : canvas.regular, size: 9.5,
                                color: line.done ? .ink : .muted)
                try canvas.text(line.date?.description ?? "—", x: x0 + columns[2] + 6, y: cursor - 10.5,
                                font: canvas.regular, size: 9.5)
            }
            cursor -= rowHeight
            try canvas.line(x1: left, y1: cursor, x2: right, y2: cursor, color: .rule, lineWidth: 0.4)
        }
        if halves == 2 {
            try canvas.line(x1: left + halfWidth, y1: tableTop + rowHeight, x2: left + halfWidth, y2: cursor, color: .rule, lineWidth: 0.4)
        }
        if certificate.tests.isEmpty {
            try canvas.text(labels("no_tests"), x: left + 6, y: cursor - 10.5, font: canvas.regular, size: 9.5,
                            color: .muted)
            cursor -= rowHeight
        }
        cursor -= 10
    }

    mutating func drawOutcome() throws {
        try sectionHeading("outcome")
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
        // In two languages the dates go to the right edge, leaving their labels the width.
        let vx = boxX + boxWidth + 24
        let valueX = labels.bilingual ? right - 66 : vx + 80
        for (key, date, dy) in [("date_of_issue", certificate.issueDate, Float(12)), ("valid_until", certificate.expiryDate, 33)] {
            try canvas.fitted(labels(key), x: vx, y: cursor - dy, font: canvas.regular, size: 8.5, color: .muted,
                              width: valueX - vx - 6)
            try canvas.text(date.description, x: valueX, y: cursor - dy, font: canvas.bold, size: 11)
        }
        cursor -= boxHeight + 16
        try canvas.fitted(labels("conditions"), x: left, y: cursor, font: canvas.regular, size: 8.5, color: .muted, width: 144)
        if certificate.conditions.isEmpty {
            try canvas.text(labels("none"), x: left + 150, y: cursor, font: canvas.regular, size: 10)
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
        try canvas.text(labels("officer").uppercased(), x: left, y: top - 16, font: canvas.bold, size: 8.5, color: .navy)
        try canvas.text(certificate.officer.name, x: left, y: top - 33, font: canvas.bold, size: 12,
                        maxWidth: qrX - left - 20)
        try canvas.text("\(labels("registration")) \(certificate.officer.registrationNumber)", x: left, y: top - 47,
                        font: canvas.regular, size: 9.5, maxWidth: qrX - left - 20)
        try canvas.text("\(certificate.clinicName), \(labels.local("site")) \(certificate.siteCode)", x: left, y: top - 60,
                        font: canvas.regular, size: 9.5, color: .muted, maxWidth: qrX - left - 20)

        let sealY: Float = 64
        try canvas.fillRect(x: left, y: sealY, width: qrX - left - 20, height: 54, color: .shade)
        let sealWidth = qrX - left - 40
        try canvas.fitted("\(labels("signed")) (Ed25519)", x: left + 10, y: sealY + 37, font: canvas.bold, size: 10,
                          color: .navy, width: sealWidth)
        try canvas.fitted("\(labels("key_id")) \(signed.payload.keyID.hex)", x: left + 10, y: sealY + 22,
                          font: canvas.regular, size: 9, width: sealWidth)
        try canvas.fitted(labels.bilingual ? "\(labels.local("qr")) \(CertificateLabels.english("qr"))" : labels("qr"),
                          x: left + 10, y: sealY + 8, font: canvas.regular, size: 8, color: .muted, width: sealWidth)

        // Quiet zone: keep the page white for 4 modules around the code (nothing drawn there).
        try canvas.qrCode(qr, x: qrX, y: qrY, side: qrSide)
        try canvas.text("\(labels("verify")): clearance certificate verify \(labels.local("verify_what"))",
                        x: left, y: 48, font: canvas.regular, size: 7.5, color: .ink, maxWidth: contentWidth)
    }

    func drawFooter() throws {
        try canvas.line(x1: left, y1: 40, x2: right, y2: 40, color: .rule, lineWidth: 0.4)
        if labels.bilingual {
            try canvas.fitted(labels.local("footer"), x: canvas.width / 2, y: 33, font: canvas.regular, size: 6.5,
                              color: .muted, align: .center, width: contentWidth)
        }
        try canvas.text(CertificateLabels.english("footer"),
                        x: canvas.width / 2, y: labels.bilingual ? 26 : 30, font: canvas.regular, size: 6.5, color: .muted,
                        align: .center, maxWidth: contentWidth)
    }
}
