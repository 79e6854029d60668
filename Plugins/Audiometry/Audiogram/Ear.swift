/// An ear, named as in field names (`right_air_1000`).
public enum Ear: String, Sendable, Hashable, CaseIterable {
    case right
    case left
}

/// How the tone reaches the ear, named as in field names (`left_bone_500`).
public enum Conduction: String, Sendable, Hashable, CaseIterable {
    case air
    case bone

    /// The frequencies tested, in Hz: air 250-8000 (10), bone 250-4000 (6).
    public var frequencies: [Int] {
        switch self {
        case .air: return [250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000, 8000]
        case .bone: return [250, 500, 1000, 2000, 3000, 4000]
        }
    }
}
