import ClearanceCore

/// The programme rule pack's settings for the TB module, with the documented defaults.
///
/// Parameters (all optional):
/// - `high_incidence_countries`: ISO 3166-1 alpha-3 codes whose children need an immune test
///   (a choice list or comma-separated text); default empty, so no immune test is required.
/// - `immune_test_min_age`, `immune_test_max_age`: the age range (inclusive) for that rule;
///   defaults 2 and 14.
/// - `tst_threshold_mm`: TST induration (mm) counted positive; default 10.
/// - `tst_contact_threshold_mm`: the same for a recent contact; default 5.
public struct TBParameters: Hashable, Sendable {
    public var highIncidenceCountries: Set<String>
    public var immuneTestMinAge: Int
    public var immuneTestMaxAge: Int
    public var tstThreshold: Int
    public var tstContactThreshold: Int

    /// The parameters a rule pack may set for `tb`, with their types.
    public static let declared: [ModuleParameter] = [
        ModuleParameter("high_incidence_countries", .list(allowed: nil, pattern: .countryCode),
                        "nationalities whose children need a TST or IGRA"),
        ModuleParameter("immune_test_min_age", .integer(0...120), "youngest age needing a TST or IGRA"),
        ModuleParameter("immune_test_max_age", .integer(0...120), "oldest age needing a TST or IGRA"),
        ModuleParameter("tst_threshold_mm", .integer(0...40), "TST induration (mm) counted positive"),
        ModuleParameter("tst_contact_threshold_mm", .integer(0...40), "TST induration (mm) counted positive for a contact"),
    ]

    /// Reads the parameters of a context, falling back to the defaults for absent or
    /// ill-typed entries.
    /// - Parameter parameters: the rule pack's parameters for the `tb` module.
    public init(_ parameters: [String: Value]) {
        highIncidenceCountries = Set(parameters["high_incidence_countries"].parameterList.map { $0.uppercased() })
        immuneTestMinAge = parameters["immune_test_min_age"].parameterInt(default: 2)
        immuneTestMaxAge = parameters["immune_test_max_age"].parameterInt(default: 14)
        tstThreshold = parameters["tst_threshold_mm"].parameterInt(default: 10)
        tstContactThreshold = parameters["tst_contact_threshold_mm"].parameterInt(default: 5)
    }

    /// Whether the person must have a TST or IGRA: age within the range and nationality in
    /// the high-incidence list. False when the person is unknown.
    public func immuneTestRequired(for person: PersonFacts?, on date: LocalDate) -> Bool {
        guard let person else { return false }
        let age = person.age(on: date)
        return age >= immuneTestMinAge && age <= immuneTestMaxAge
            && highIncidenceCountries.contains(person.nationality.uppercased())
    }
}
