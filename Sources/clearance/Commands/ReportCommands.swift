import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance report ...`: registers for the clinic's own records.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Clinic registers.", subcommands: [Daily.self])
}
