import ArgumentParser
import ClearanceCore
import ClearanceImaging
import ClearanceService
import Foundation

/// `clearance report ...`: figures with no person in them, for programmes, WHO and ministries.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Aggregate reports for publication, and the clinic's daily register.",
                                                    subcommands: [Aggregate.self, Daily.self])

    struct Aggregate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aggregate",
            abstract: "Count screened cases by programme, clinic, sex, age band and result code, small cells suppressed.",
            discussion: """
            Example: clearance report aggregate --period 2026-11 --by clinic,sex,result --format csv --chart nov.png. \
            Rows are the combinations of all --by dimensions but the last; columns are the last. Counts from 1 to 4 print \
            as <5 (aggregate.small_cell_threshold in the exchange settings), and further cells as x so that no small count \
            can be worked out from the totals; zero is printed. HIV results are counted only for counsellors and medical \
            officers. --format dhis2 writes a dataValueSets document using --mapping FILE (see docs/dhis2-mapping.example.yaml).
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "Period: a year (2026), quarter (2026-Q4), month (2026-11) or days (2026-11-01..2026-11-15).") var period: String
        @Option(help: "Dimensions, comma-separated: programme, clinic, sex, age-band, result.") var by: String = "result"
        @Option(help: "table, csv, json or dhis2 (--json is the same as --format json).") var format: String = "table"
        @Option(help: "DHIS2 mapping file (for --format dhis2).") var mapping: String?
        @Option(help: "Also draw the column totals as a PNG bar chart to this file.") var chart: String?
        @Option(help: "Write the report to this file instead of standard output.") var out: String?
        @Flag(help: "Replace existing --out or --chart files.") var force = false
        @Option(help: "Exchange settings file (default: CLEARANCE_EXCHANGE_SETTINGS).") var settings: String?

        func validate() throws {
            guard AggregatePeriod(period) != nil else {
                throw ValidationError("--period '\(period)' is not a period: write 2026, 2026-Q4, 2026-11 or 2026-11-01..2026-11-15")
            }
            for name in dimensionNames where AggregateDimension(rawValue: name) == nil {
                throw ValidationError("--by: '\(name)' is not a dimension; use \(AggregateDimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard ["table", "csv", "json", "dhis2"].contains(format) else { throw ValidationError("--format must be table, csv, json or dhis2 (given \(format))") }
            if format == "dhis2" && mapping == nil { throw ValidationError("--format dhis2 needs --mapping FILE (see docs/dhis2-mapping.example.yaml)") }
        }

        var dimensionNames: [String] { by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

        func run() throws {
            try guarded(json: options.json) {
                let exchange = try ExchangeSettings.load(path: settings ?? ProcessInfo.processInfo.environment["CLEARANCE_EXCHANGE_SETTINGS"])
                let dhis2 = try mapping.map(DHIS2Mapping.load(path:))
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let report = try ctx.service.aggregateReport(period: AggregatePeriod(period)!, by: dimensionNames.compactMap(AggregateDimension.init),
                                                             settings: exchange, session: session)
                for path in [out, chart].compactMap({ $0 }) { try ReportFile.checkWritable(path, force: force) }
                let text: String
                switch options.json ? "json" : format {
                case "json":
                    let data = try JSONOutput.data(report)
                    text = String(decoding: data, as: UTF8.self) + "\n"
                case "csv":
                    let (header, rows) = report.grid()
                    var table = CSVTable(header: header)
                    for r in rows { table.append(r) }
                    text = table.rendered()
                case "dhis2":
                    let (document, leftOut) = try dhis2!.dataValueSet(report)
                    for l in leftOut { Output.error("left out: \(l)") }
                    text = document.serialized() + "\n"
                default:
                    text = render(report)
                }
                if let out {
                    try ReportFile.write(Data(text.utf8), to: out)
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
                if let chart {
                    let n = report.rowKeys.count
                    let bars = report.columns.enumerated().map { c, label in
                        BarChartRenderer.Bar(label: label, count: report.table.mark(row: n, column: c) == .published ? report.table.values[n][c] : nil,
                                             text: report.table.published(row: n, column: c))
                    }
                    let image = BarChartRenderer.render(title: "Screened \(report.period) by \(report.columnDimension.rawValue) (total \(report.table.published(row: n, column: report.columns.count)))", bars: bars)
                    let png = try PNGEncoder.encode(image)
                    try ReportFile.write(Data(png), to: chart)
                }
            }
        }

        /// Aligned columns with the legend under them.
        func render(_ report: AggregateReport) -> String {
            let (header, rows) = report.grid()
            let all = [header] + rows
            var widths = [Int](repeating: 0, count: header.count)
            for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
            var lines = ["Screened \(report.period.first)..\(report.period.end.adding(days: -1)) by \(report.dimensions.map(\.rawValue).joined(separator: ", "))"]
            for (n, r) in all.enumerated() {
                lines.append(r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  "))
                if n == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
            lines.append("<\(report.table.threshold): a count from 1 to \(report.table.threshold - 1); x: hidden so that no small count can be worked out from the totals.")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
