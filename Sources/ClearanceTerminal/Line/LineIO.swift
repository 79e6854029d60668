import Foundation

/// Where line mode reads answers from: one line a call, without its newline; nil at end of input.
public protocol LineInput: AnyObject {
    func readLine() -> String?
}

/// Where line mode writes prompts and messages.
public protocol LineOutput: AnyObject {
    func write(_ text: String)
}

/// Standard input as ``LineInput``.
public final class StandardLineInput: LineInput {
    public init() {}
    public func readLine() -> String? { Swift.readLine(strippingNewline: true) }
}

/// Standard output as ``LineOutput`` (flushed after every write so prompts show at once).
public final class StandardLineOutput: LineOutput {
    public init() {}
    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Lines from a string (tests, scripted runs); the end of the string is the end of input.
public final class StringLineInput: LineInput {
    private var lines: [String]
    public init(_ text: String) {
        var l = text.components(separatedBy: "\n")
        if l.last == "" { l.removeLast() }
        lines = l
    }
    public func readLine() -> String? { lines.isEmpty ? nil : lines.removeFirst() }
}

/// Output collected in a string.
public final class StringLineOutput: LineOutput {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}
