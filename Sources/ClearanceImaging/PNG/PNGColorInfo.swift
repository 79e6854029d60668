/// What a PNG declares about how its samples are shown, as libpng read it (a chunk libpng
/// rejected as invalid is absent here). ``EightBitRule`` turns it into the 8-bit conversion.
public struct PNGColorInfo: Sendable, Equatable {
    /// The gAMA chunk's file gamma (for example 0.45455 or 1.0), nil without a valid gAMA.
    public var gamma: Double?
    /// True when an sRGB chunk says the samples are sRGB-encoded (it overrides gAMA).
    public var sRGB: Bool
    /// True when an iCCP chunk carries an ICC profile (not applied; gAMA is used as the PNG
    /// specification says a decoder without colour management should).
    public var iccProfile: Bool
    /// sBIT: significant bits per channel of the decoded layout (grey or red, green, blue, then
    /// alpha), nil without a valid sBIT chunk.
    public var significantBits: [Int]?

    /// Creates colour information.
    ///
    /// - Parameters:
    ///   - gamma: gAMA file gamma, or nil.
    ///   - sRGB: An sRGB chunk is present.
    ///   - iccProfile: An iCCP chunk is present.
    ///   - significantBits: sBIT per decoded channel, or nil.
    public init(gamma: Double? = nil, sRGB: Bool = false, iccProfile: Bool = false, significantBits: [Int]? = nil) {
        self.gamma = gamma
        self.sRGB = sRGB
        self.iccProfile = iccProfile
        self.significantBits = significantBits
    }
}
