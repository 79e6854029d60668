import CHaru
import Foundation

/// A printable table: a title, a subtitle, column headers and rows of text.
public struct TableReport: Sendable, Hashable {
    /// One column: its header and its share of the page width (shares are normalised).
    public struct Column: Sendable, Hashable {
        public var header: String
        public var weight: Float
        public init(_ header: String, weight: Float) { self.header = header; self.weight = weight }
    }

    public var title: String
    public var subtitle: String
    public var columns: [Column]
    public var rows: [[String]]
    /// Printed under the last row (totals, what was withheld).
    public var footer: [String]

    public init(title: String, subtitle: String, columns: [Column], rows: [[String]], footer: [String] = []) {
        self.title = title; self.subtitle = subtitle; self.columns = columns; self.rows = rows; self.footer = footer
    }
}

/// Renders a ``TableReport`` as A4 landscape pages through libharu with the certificate's
/// embedded DejaVu fonts, so names in any script print (Arabic shaped, right to left).
///
/// Rows that do not fit continue on a new page under the repeated header; every page carries
/// "page N of M". A cell too wide for its column is shrunk, then cut with an ellipsis. Output is
/// deterministic for the same report and clock.
///
/// ```swift
/// let pdf = try TableReportRenderer(clock: { now }).render(report)
/// ```
public struct TableReportRenderer: Sendable {
    public var clock: @Sendable () -> Date
    public var regularFontPath: String
    public var boldFontPath: String

    /// - Parameters:
    ///   - clock: The time written as the PDF creation date.
    ///   - regularFontPath: TrueType font for the rows.
    ///   - boldFontPath: TrueType font for the title and headers.
    public init(clock: @escaping @Sendable () -> Date, regularFontPath: String = CertificateRenderer.defaultRegularFont,
                boldFontPath: String = CertificateRenderer.defaultBoldFont) {
        self.clock = clock; self.regularFontPath = regularFontPath; self.boldFontPath = boldFontPath
    }

    static let margin: Float = 36, rowHeight: Float = 15, textSize: Float = 8.5

    /// The PDF bytes of `report`.
    /// - Throws: `CertificateError` for a missing font or a libharu failure (named by step).
    public func render(_ report: TableReport) throws -> Data {
        let fonted = try FontedDocument(regular: try EmbeddableFont.cached(path: regularFontPath),
                                        bold: try EmbeddableFont.cached(path: boldFontPath))
        let faces = try fonted.begin()
        let document = fonted.document
        // Page geometry (A4 landscape): header block, then rows.
        let pageHeight: Float = 595, top = pageHeight - Self.margin - 48
        let perPage = max(1, Int((top - Self.margin - 30) / Self.rowHeight))
        let chunks = report.rows.isEmpty ? [[]] : stride(from: 0, to: report.rows.count, by: perPage).map {
            Array(report.rows[$0..<min($0 + perPage, report.rows.count)])
        }
        for (pageIndex, rows) in chunks.enumerated() {
            let page = try document.addA4Page()
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE)
            try document.check("sizing the page")
            let canvas = PDFCanvas(document: document, page: page, regular: faces.regular, bold: faces.bold)
            let usable = canvas.width - 2 * Self.margin
            let total = max(0.001, report.columns.reduce(0) { $0 + $1.weight })
            var xs: [Float] = []
            var x = Self.margin
            for c in report.columns { xs.append(x); x += usable * c.weight / total }
            let widths = report.columns.map { usable * $0.weight / total - 4 }

            try canvas.text(report.title, x: Self.margin, y: canvas.height - Self.margin - 14, font: faces.bold, size: 15, color: .navy)
            try canvas.text(report.subtitle, x: Self.margin, y: canvas.height - Self.margin - 30, font: faces.regular, size: 9,
                            color: .muted, maxWidth: usable)
            try canvas.text("page \(pageIndex + 1) of \(chunks.count)", x: canvas.width - Self.margin, y: canvas.height - Self.margin - 14,
                            font: faces.regular, size: 9, color: .muted, align: .right)
            var y = top
            try canvas.fillRect(x: Self.margin, y: y - 4, width: usable, height: Self.rowHeight, color: .shade)
            for (i, c) in report.columns.enumerated() {
                try canvas.text(c.header, x: xs[i] + 2, y: y, font: faces.bold, size: Self.textSize, maxWidth: widths[i])
            }
            y -= Self.rowHeight
            for row in rows {
                for (i, cell) in row.enumerated() where i < xs.count && !cell.isEmpty {
                    try canvas.text(cell, x: xs[i] + 2, y: y, font: faces.regular, size: Self.textSize, maxWidth: widths[i])
                }
                try canvas.line(x1: Self.margin, y1: y - 4, x2: Self.margin + usable, y2: y - 4, color: .rule, lineWidth: 0.4)
                y -= Self.rowHeight
            }
            if rows.isEmpty {
                try canvas.text("Nothing recorded.", x: Self.margin + 2, y: y, font: faces.regular, size: Self.textSize, color: .muted)
                y -= Self.rowHeight
            }
            if pageIndex == chunks.count - 1 {
                for line in report.footer {
                    y -= 4
                    try canvas.text(line, x: Self.margin, y: y, font: faces.regular, size: Self.textSize, color: .muted, maxWidth: usable)
                    y -= Self.rowHeight
                }
            }
        }
        try document.setInfo(HPDF_INFO_TITLE, report.title)
        try document.setInfo(HPDF_INFO_CREATOR, "Clearance")
        try document.setCreationDate(clock())
        return try document.save()
    }
}
