extension FormSession {
    /// The host's text for `key` in the session's language (``HostText``).
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { HostText.text(key, language, arguments) }
}
