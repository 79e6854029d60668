/// User name and password; the password is shown as `•`, one per character typed.
public struct SignInScreen: InteractiveScreen {
    public var title: String
    public var username = ""
    var password = ""
    var onPassword = false
    /// Shown under the fields (a failed sign-in).
    public var message: String?
    /// Language of the labels and key help.
    public var language = "en"

    public init(title: String = "Clearance: sign in", message: String? = nil) { self.title = title; self.message = message }

    public mutating func handle(_ key: Key) -> ScreenStep<(username: String, password: String)> {
        switch key {
        case .escape, .ctrl("c"), .ctrl("d"): return .cancelled
        case .tab, .backTab, .up, .down: onPassword.toggle()
        case .enter:
            if !onPassword { onPassword = true; return .stay }
            guard !username.isEmpty else { message = HostText.text("signin.type_user", language); onPassword = false; return .stay }
            let result = (username: username, password: password)
            password = ""
            return .done(result)
        case .backspace:
            if onPassword { if !password.isEmpty { password.removeLast() } }
            else if !username.isEmpty { username.removeLast() }
        case .ctrl("u"):
            if onPassword { password = "" } else { username = "" }
        case .char(let c):
            if onPassword { password.append(c) } else { username.append(c) }
        default: break
        }
        return .stay
    }

    public func render(width: Int, height: Int) -> Frame {
        let masked = String(repeating: "•", count: password.count)
        let user = HostText.text("signin.user", language), pass = HostText.text("signin.password", language)
        let labelColumns = max(user.displayWidth, pass.displayWidth) + 1
        let body: [Row] = [
            Row([Span(onPassword ? " " : ">"), Span(" " + user.padded(toColumns: labelColumns)), Span("[\(username)]", reverse: !onPassword)]),
            Row([Span(onPassword ? ">" : " "), Span(" " + pass.padded(toColumns: labelColumns)), Span("[\(masked)]", reverse: onPassword)]),
        ]
        let row = onPassword ? 1 : 0
        let column = 3 + labelColumns + (onPassword ? masked.displayWidth : username.displayWidth)
        return standardFrame(title: title, body: body, keys: HostText.text("signin.keys", language),
                             message: message, width: width, height: height, focusRow: row,
                             cursor: (row: row, column: column))
    }
}
