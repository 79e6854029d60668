/// An 8-bit sRGB colour.
public struct RGBColor: Sendable, Equatable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Creates a colour from 8-bit components.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let white = RGBColor(255, 255, 255)
    public static let black = RGBColor(0, 0, 0)
    /// The right-ear red of audiograms.
    public static let audiogramRed = RGBColor(210, 0, 0)
    /// The left-ear blue of audiograms.
    public static let audiogramBlue = RGBColor(0, 40, 210)
    public static let lightGrey = RGBColor(205, 205, 205)
    public static let midGrey = RGBColor(120, 120, 120)
}
