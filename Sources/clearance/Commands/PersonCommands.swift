import ArgumentParser
import ClearanceCore
import ClearanceService
import Foundation

/// `clearance person ...`: the people examined.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "person", abstract: "Register, find and show examined persons.",
                                                    subcommands: [Add.self, Find.self, Show.self, PersonPhoto.self,
                                                                  PersonEditCommands.Edit.self, PersonEditCommands.Merge.self, PersonEditCommands.History.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a person.",
            discussion: "Age is derived from the date of birth. A minor (under 18) needs --guardian.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Surname (UTF-8: Latin, Cyrillic, Arabic, ...).") var surname: String
        @Option(help: "Given names.") var given: String
        @Option(help: "Date of birth, YYYY-MM-DD.") var dob: String
        @Option(help: "Sex: F, M or X.") var sex: String
        @Option(help: "Nationality, ISO 3166-1 alpha-3 (e.g. PHL).") var nationality: String
        @Option(help: "Travel document type: passport, refugee-travel-document, national-id.") var documentType: String = "passport"
        @Option(help: "Travel document number.") var documentNumber: String
        @Option(help: "Travel document expiry, YYYY-MM-DD.") var documentExpiry: String?
        @Option(help: "Guardian of a minor: name and relationship.") var guardian: String?

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                guard let birth = LocalDate(dob) else { throw ServiceError.invalid(field: "dob", "'\(dob)' is not a date; write YYYY-MM-DD") }
                var expiry: LocalDate?
                if let documentExpiry {
                    guard let d = LocalDate(documentExpiry) else { throw ServiceError.invalid(field: "document-expiry", "'\(documentExpiry)' is not a date; write YYYY-MM-DD") }
                    expiry = d
                }
                let input = PersonInput(surname: surname, givenNames: given, dateOfBirth: birth, sex: sex, nationality: nationality,
                                        documentType: documentType, documentNumber: documentNumber, documentExpiry: expiry, guardian: guardian)
                let person = try ctx.service.addPerson(input, by: session)
                if options.json { Output.json(person) } else { print("Registered person \(person.id): \(person.shownName)") }
            }
        }
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find persons by document number or name prefix.",
            discussion: "Name search ignores case and diacritics: 'muller' finds 'Müller'; a name in another script is also found by its Latin spelling: 'ivanova' finds 'Иванова'.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Document number, or the start of a surname or given name.") var query: String
        @Option(help: "Most results to show.") var limit: Int = 50

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let people = try ctx.service.findPersons(query, limit: limit, by: try ctx.signIn())
                if options.json { Output.json(people) } else if people.isEmpty {
                    print("No person matches '\(query)'.")
                } else {
                    Output.table(["ID", "NAME", "BORN", "SEX", "NAT", "DOCUMENT"],
                                 people.map { [String($0.id), $0.shownName, $0.dateOfBirth.description, $0.sex, $0.nationality, $0.documentNumber] })
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a person and their cases.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Person id.") var id: Int64

        func run() throws {
            try guarded(json: options.json) {
                let ctx = try CommandContext.open(options)
                let session = try ctx.signIn()
                let person = try ctx.service.person(id, by: session)
                let cases = try ctx.service.cases(ofPerson: id, by: session)
                if options.json {
                    Output.json(PersonShowView(person: person, cases: cases))
                } else {
                    print(person.text)
                    print("")
                    if cases.isEmpty { print("No cases.") } else {
                        Output.table(["CASE", "PROGRAMME", "STATUS", "OPENED"], cases.map { [String($0.id), $0.programme, $0.status, $0.openedAt] })
                    }
                }
            }
        }
    }
}
