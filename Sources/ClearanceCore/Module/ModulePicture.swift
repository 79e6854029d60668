/// A picture the host can draw from a module's answers (`clearance encounter audiogram`): the
/// module says what to draw, the host draws it (PNG) and may attach it to the encounter.
///
/// The host knows how to draw each case; a module picks the one that fits its answers.
///
/// ```swift
/// func picture(_ answers: Answers) -> ModulePicture? {
///     ModulePicture(attachmentKind: "audiogram", content: .audiogram(marks(answers)))
/// }
/// ```
public struct ModulePicture: Hashable, Sendable {
    /// What the host draws.
    public enum Content: Hashable, Sendable {
        /// Hearing thresholds by ear, conduction and frequency (SCREENING.md section 5 symbols).
        case audiogram([AudiogramMark])
    }

    /// The attachment kind the drawn picture is stored as.
    public var attachmentKind: String
    /// What to draw.
    public var content: Content
    /// The answer holding the date printed in the title (`test_date`), if any.
    public var dateField: String?

    public init(attachmentKind: String, content: Content, dateField: String? = nil) {
        self.attachmentKind = attachmentKind; self.content = content; self.dateField = dateField
    }

    /// The name of the kind of picture, for messages and the CLI (`audiogram`).
    public var name: String {
        switch content { case .audiogram: "audiogram" }
    }
}

/// One point of an audiogram picture: a threshold (or no response) at one frequency.
public struct AudiogramMark: Hashable, Sendable {
    /// Right or left ear.
    public enum Ear: String, Hashable, Sendable { case right, left }
    /// Air or bone conduction.
    public enum Conduction: String, Hashable, Sendable { case air, bone }

    public var ear: Ear
    public var conduction: Conduction
    /// Hz.
    public var frequency: Int
    /// dB HL (the maximum presented when ``noResponse``).
    public var level: Int
    public var masked: Bool
    public var noResponse: Bool

    public init(ear: Ear, conduction: Conduction, frequency: Int, level: Int, masked: Bool = false, noResponse: Bool = false) {
        self.ear = ear; self.conduction = conduction; self.frequency = frequency; self.level = level
        self.masked = masked; self.noResponse = noResponse
    }
}
