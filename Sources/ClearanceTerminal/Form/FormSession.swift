import ClearanceCore

/// Stores an image file given by its path and returns its attachment id.
/// Throws an error whose description tells the user what is wrong with the file.
public typealias ImageAttacher = @Sendable (_ path: String) throws -> Int64

/// The terminal form with no I/O: keys in, screen model out.
///
/// A session holds a form's answers while a user fills it. Feed it ``Key``s with
/// ``handle(_:)``; draw ``render(width:height:colour:)`` (full screen) or read
/// ``items`` and ``answers`` (line mode, tests). Every rule (skip logic, calculations, required,
/// constraints, who may see a field) comes from the core ``FormEvaluator``, through one
/// ``FormEvaluation`` of the current answers for the user's roles (``evaluation``), worked out
/// again whenever the answers change: the session never decides validity itself beyond reading
/// what was typed (a number, a date).
///
/// Behaviour users of other form libraries asked for:
/// - validation never traps: moving forward past a field with a problem shows the problem
///   beside it and stays; a second forward press moves on (the problem stays marked and the
///   review page lists it). Going back is never blocked.
/// - yes/no has no default, end of input never accepts anything.
/// - a review page lists every answer and problem before saving, with jump-back.
/// - Ctrl-C asks before discarding.
/// - fields whose ``Field/roles`` exclude the user (``FormSpec/isVisible(_:to:)``) are neither
///   shown nor accepted.
///
/// ```swift
/// var s = FormSession(form: form, rules: FormEvaluator(form: form, context: ctx),
///                     roles: [.nurse], today: today)
/// s.handle(.char("y")); s.handle(.tab)
/// print(s.render(width: 80, height: 24).plainText)
/// ```
public struct FormSession: Sendable {
    /// What the session is doing.
    public enum Mode: Hashable, Sendable {
        case editing
        /// Choosing among the choices of the focused select field.
        case picking
        /// The review page; the index is the selected row.
        case review(row: Int)
        /// "Discard this form?" asked; the mode to return to on no.
        indirect case confirmDiscard(returnTo: Mode)
        /// "Remove this entry?" asked for the instance at the path.
        case confirmRemove(FieldPath)
        case finished(Outcome)
    }

    /// How a session ended.
    public enum Outcome: Hashable, Sendable {
        /// The user saved; the answers are normalized (calculations done, skipped fields dropped).
        case saved(Answers)
        /// The user confirmed discarding the form.
        case discarded
    }

    /// State of the choice picker while ``mode`` is ``Mode/picking``.
    public struct Picker: Hashable, Sendable {
        public var path: FieldPath
        public var filter: String = ""
        public var highlighted: Int = 0
        public var multiple: Bool
        public var selections: [String]
    }

    public let form: FormSpec
    /// The form's rules: the core evaluator of ``form`` with the case's context.
    public let rules: FormEvaluator
    /// The signed-in user's roles: fields for other roles are hidden and refused.
    public let roles: Set<Role>
    /// The recording day (`t` in a date field).
    public let today: LocalDate
    /// Language of labels and of the rules' messages (`en`, `fr`, `es`, English where the form
    /// or the host lacks it); Ctrl-L cycles through the form's languages.
    public var language: String {
        didSet {
            guard language != oldValue else { return }
            evaluate()
            for path in shownErrors.keys { shownErrors[path] = currentProblems(at: path) }
        }
    }

    /// The answers so far (answers to fields hidden from ``roles`` are never kept).
    public internal(set) var answers: Answers { didSet { evaluate() } }
    /// The rules' view of ``answers`` for ``roles``: what is shown, required, computed and wrong.
    public private(set) var evaluation: FormEvaluation
    /// The rows currently shown, in order: fields the user may see that are relevant, repeat
    /// controls, and the final review entry. Worked out with ``evaluation``.
    public private(set) var items: [FormItem] = []
    public internal(set) var mode: Mode = .editing
    public internal(set) var focus: FormItem.ItemID?
    /// Text being typed into the focused field.
    public internal(set) var buffer: String = ""
    public internal(set) var picker: Picker?
    /// Text typed that is not a valid answer, kept so the user can correct it.
    public internal(set) var rawInputs: [FieldPath: String] = [:]
    /// Problems shown beside fields, by field.
    public internal(set) var shownErrors: [FieldPath: [String]] = [:]
    /// Problems the save path reported (``showRejection(_:)``), shown on the review page.
    public internal(set) var rejection: [ValidationIssue] = []
    /// One-line status message (bottom of the screen).
    public var message: String?
    /// Image files attached, by field: the integrator stores the path with the attachment.
    public internal(set) var imageFiles: [FieldPath: String] = [:]

    /// Called with the answers after every committed field: where drafts are written.
    public var onCommit: (@Sendable (Answers) -> Void)?
    /// Stores image files; by default images cannot be attached.
    public var attachImage: ImageAttacher

    /// Starts a session.
    /// - Parameters:
    ///   - form: the form to fill.
    ///   - rules: its rules, `FormEvaluator(form: form, context:)`.
    ///   - roles: the user's roles; fields restricted to other roles are hidden.
    ///   - today: the recording date.
    ///   - language: label language; falls back to English per label.
    ///   - answers: answers to resume from (a draft); answers to hidden fields are dropped.
    ///   - attachImage: stores an image file and returns its attachment id.
    public init(form: FormSpec, rules: FormEvaluator, roles: Set<Role>, today: LocalDate,
                language: String = "en", answers: Answers = Answers(),
                attachImage: @escaping ImageAttacher = { _ in throw ImageUnavailable() }) {
        self.form = form; self.rules = rules; self.roles = roles; self.today = today
        self.language = language; self.attachImage = attachImage
        let visible = form.visibleAnswers(answers, to: roles)
        self.answers = visible
        self.evaluation = rules.inLanguage(language).evaluation(of: visible, roles: roles)
        self.items = walkItems()
        if let first = items.first(where: \.isFocusable) { enterFocus(first.id) }
    }

    /// The error of the default image attacher.
    public struct ImageUnavailable: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "images cannot be attached in this front end" }
    }

    /// Works the rules out again for the current answers (after every change of ``answers``
    /// or ``language``).
    private mutating func evaluate() {
        evaluation = rules.inLanguage(language).evaluation(of: answers, roles: roles)
        items = walkItems()
    }

    /// Number of entries of the repeat group at `path`.
    func instanceCount(at path: FieldPath) -> Int { answers.value(at: path)?.instances.count ?? 0 }

    /// The choices offered for the select field at `path` given the answers (its
    /// `choice_filter` applied): the ones listed, numbered and accepted by typing.
    public func offeredChoices(at path: FieldPath) -> [Choice] { evaluation.choices(for: path) }

    // MARK: - Items

    private func walkItems() -> [FormItem] {
        var out: [FormItem] = []
        walk(form.fields, prefix: FieldPath([]), depth: 0, into: &out)
        out.append(FormItem(kind: .review, path: FieldPath(field: "_review"), field: nil, depth: 0))
        return out
    }

    private func walk(_ fields: [Field], prefix: FieldPath, depth: Int, into out: inout [FormItem]) {
        for f in fields {
            let path = prefix.appending(f.name)
            guard evaluation.isShown(path) else { continue }
            guard f.type == .repeatGroup else {
                out.append(FormItem(kind: .field, path: path, field: f, depth: depth)); continue
            }
            out.append(FormItem(kind: .groupHeader, path: path, field: f, depth: depth))
            let count = instanceCount(at: path)
            for i in 0..<count {
                let instance = prefix.appending(f.name, index: i + 1)
                walk(f.fields, prefix: instance, depth: depth + 1, into: &out)
                out.append(FormItem(kind: .removeInstance, path: instance, field: f, depth: depth + 1))
            }
            if count < (evaluation.rowBounds(path).max ?? Int.max) {
                out.append(FormItem(kind: .addInstance, path: path, field: f, depth: depth + 1))
            }
        }
    }

    /// The focused item, if it is still shown.
    public var focusedItem: FormItem? {
        guard let focus else { return nil }
        return items.first { $0.id == focus }
    }

    /// Whether the session has ended (saved or discarded).
    public var outcome: Outcome? {
        if case .finished(let o) = mode { return o }
        return nil
    }
}
