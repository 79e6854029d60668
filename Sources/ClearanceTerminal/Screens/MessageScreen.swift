/// A message box: some lines, any key to go on.
public struct MessageScreen: InteractiveScreen {
    public var title: String
    public var lines: [String]
    public var isError: Bool
    public init(title: String, lines: [String], isError: Bool = false) {
        self.title = title; self.lines = lines; self.isError = isError
    }
    public mutating func handle(_ key: Key) -> ScreenStep<Void> {
        key == .resize ? .stay : .done(())
    }
    public func render(width: Int, height: Int) -> Frame {
        let body = lines.map { Row([Span(" \(isError ? "! " : "")\($0)", bold: isError, colour: isError ? .red : .none)]) }
        return standardFrame(title: title, body: body, keys: "any key to go on", message: nil, width: width, height: height)
    }
}

/// A form session as a screen: done when saved or discarded.
public struct FormScreen: InteractiveScreen {
    public var session: FormSession
    public init(session: FormSession) { self.session = session }
    public mutating func handle(_ key: Key) -> ScreenStep<FormSession.Outcome> {
        session.handle(key)
        return session.outcome.map { .done($0) } ?? .stay
    }
    public func render(width: Int, height: Int) -> Frame { session.render(width: width, height: height) }
}
