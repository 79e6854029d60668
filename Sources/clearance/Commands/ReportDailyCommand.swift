import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance report daily`: the daily register (a subcommand of ``ReportCommand``).
extension ReportCommand {
    struct Daily: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, pdf }

        static let configuration = CommandConfiguration(abstract: "The daily register: who was seen for what on one day.",
            discussion: """
            One line per screening recorded that day (UTC): time, case, person (with the Latin spelling of a name in another \
            script), document, programme, screening, status, results and who recorded it. Results of a confidential module \
            are shown only to roles that may read it. CSV (UTF-8) or a printable PDF; --out never replaces a file unless --force.
            """)
        @OptionGroup var options: GlobalOptions
        @Option(help: "The day, YYYY-MM-DD (UTC).") var date: String
        @Option(help: "csv or pdf.") var format: Format = .csv
        @Option(help: "The file to write.") var out: String
        @Flag(help: "Replace --out when it exists (a regular file only).") var force = false

        func run() throws {
            try guarded(json: options.json) {
                guard let day = LocalDate(date) else { throw ServiceError.invalid(field: "date", "'\(date)' is not a date; write YYYY-MM-DD") }
                try ReportFile.checkWritable(out, force: force)
                let ctx = try CommandContext.open(options)
                let register = try ctx.service.dailyRegister(date: day, format: format.rawValue, by: try ctx.signIn())
                let bytes = format == .csv ? Data(register.csv.utf8) : try ctx.service.dailyRegisterPDF(register)
                try ReportFile.write(bytes, to: out)
                if options.json {
                    Output.json(DailyRegisterFileView(register: register, out: out, format: format.rawValue))
                } else {
                    let withheld = register.withheldCount > 0 ? "; \(register.withheldCount) confidential result(s) withheld" : ""
                    print("Wrote the register of \(day) to \(out): \(register.lines.count) screening(s) of \(register.personCount) person(s)\(withheld).")
                }
            }
        }
    }
}
