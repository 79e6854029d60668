import ClearanceCore
import Foundation
import Yams

/// A deployment's settings for data that leaves the clinic: the canonical URLs of the project's
/// own code systems in FHIR, the small-cell threshold and age bands of aggregate reports.
///
/// Read from a YAML file (`--settings FILE` or `CLEARANCE_EXCHANGE_SETTINGS`); every key is
/// optional and falls back to the documented default (docs/exchange-settings.example.yaml):
///
/// ```yaml
/// fhir:
///   base_url: https://health.example.org/fhir
///   code_system_url: https://health.example.org/fhir/CodeSystem/clearance-result-codes
///   field_system_url: https://health.example.org/fhir/CodeSystem/clearance-fields
/// aggregate:
///   small_cell_threshold: 5      # counts 1..4 are published as <5; zero is published
///   age_bands: [0, 5, 15, 25, 35, 45, 55, 65]
/// ```
public struct ExchangeSettings: Sendable, Hashable {
    /// Base of the resources' full URLs in a Bundle (`<base>/Patient/person-3`) and of identifier systems.
    public var baseURL = "https://clearance.example.org/fhir"
    /// Canonical URL of the CodeSystem holding every module's result codes (`TB-B1-PULM`).
    public var codeSystemURL = "https://clearance.example.org/fhir/CodeSystem/result-codes"
    /// Canonical URL of the CodeSystem naming form fields and choices that have no LOINC code.
    public var fieldSystemURL = "https://clearance.example.org/fhir/CodeSystem/fields"
    /// Counts from 1 to `smallCellThreshold - 1` are suppressed; 0 is published.
    public var smallCellThreshold = 5
    /// Lower bounds of the age bands, ascending, starting at 0.
    public var ageBands = [0, 5, 15, 25, 35, 45, 55, 65]
    /// The file the settings came from, for messages.
    public var origin = "(defaults)"

    public init() {}

    /// Settings from `path`, or the defaults when `path` is nil.
    ///
    /// - Throws: ``ServiceError/configuration(_:)`` naming the file and key of a wrong value.
    public static func load(path: String?) throws -> ExchangeSettings {
        var s = ExchangeSettings()
        guard let path else { return s }
        s.origin = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServiceError.configuration("cannot read exchange settings \(path): check the path given to --settings or CLEARANCE_EXCHANGE_SETTINGS")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw ServiceError.configuration("\(path) is not YAML: \(error)")
        }
        guard let top = (root ?? [String: Any]()) as? [String: Any] else {
            throw ServiceError.configuration("\(path): the settings must be a mapping with fhir: and aggregate: sections")
        }
        func section(_ name: String) throws -> [String: Any] {
            guard let v = top[name] else { return [:] }
            guard let m = v as? [String: Any] else { throw ServiceError.configuration("\(path): \(name) must be a mapping") }
            return m
        }
        let fhir = try section("fhir"), aggregate = try section("aggregate")
        func url(_ key: String) throws -> String? {
            guard let v = fhir[key] else { return nil }
            guard let u = v as? String, let parsed = URL(string: u), parsed.scheme != nil, !u.contains(" ") else {
                throw ServiceError.configuration("\(path): fhir.\(key) must be an absolute URL such as https://health.example.org/fhir/CodeSystem/x")
            }
            return u
        }
        if let u = try url("base_url") { s.baseURL = u.hasSuffix("/") ? String(u.dropLast()) : u }
        if let u = try url("code_system_url") { s.codeSystemURL = u }
        if let u = try url("field_system_url") { s.fieldSystemURL = u }
        if let v = aggregate["small_cell_threshold"] {
            guard let t = v as? Int, (2...100).contains(t) else {
                throw ServiceError.configuration("\(path): aggregate.small_cell_threshold must be a whole number from 2 to 100 (5 publishes 1-4 as <5)")
            }
            s.smallCellThreshold = t
        }
        if let v = aggregate["age_bands"] {
            guard let b = v as? [Int], b.first == 0, zip(b, b.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw ServiceError.configuration("\(path): aggregate.age_bands must be ascending whole numbers starting at 0, such as [0, 15, 50]")
            }
            s.ageBands = b
        }
        for key in top.keys where !["fhir", "aggregate"].contains(key) {
            throw ServiceError.configuration("\(path): unknown section '\(key)' (expected fhir, aggregate)")
        }
        return s
    }

    /// The band an age falls in: `15-24`, or `65+` for the last.
    public func ageBand(_ age: Int) -> String {
        var label = "\(ageBands.last ?? 0)+"
        for (low, high) in zip(ageBands, ageBands.dropFirst()) where age >= low && age < high { label = "\(low)-\(high - 1)" }
        return label
    }
}
