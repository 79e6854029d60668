import ClearanceService
import ClearanceTerminal
import Foundation

/// The command line's own words, from the host's catalogues (``HostText``,
/// `Forms/messages/<language>.yaml`), in the language of the whole run.
///
/// The language is read once, before the arguments are parsed (so usage and parse errors are
/// covered too): `--lang`, else `CLEARANCE_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`), else English. A key a language lacks is English.
///
/// ```swift
/// CLIText.t("error.no_user")   // "aucun utilisateur : passez --user NOM ..." with --lang fr
/// ```
enum CLIText {
    /// The run's language (set by `Clearance.main()`).
    nonisolated(unsafe) static var language = "en"

    /// `--lang X` or `--lang=X` among `arguments`, else the environment's, as ``HostText/language(option:environment:)``.
    static func language(arguments: [String], environment: [String: String]) -> String {
        var option: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count { option = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { option = String(argument.dropFirst("--lang=".count)) }
        }
        return HostText.language(option: option ?? environment["CLEARANCE_LANG"], environment: environment)
    }

    /// The text of `key` in the run's language, `{name}` filled from `arguments`.
    static func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        HostText.text(key, language, arguments)
    }
}
