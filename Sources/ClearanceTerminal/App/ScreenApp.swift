import ClearanceCore
import Foundation

/// How running one screen ended.
public enum ScreenRun<Result> {
    case done(Result)
    case cancelled
    /// The terminal closed (end of input): nothing was accepted.
    case endOfInput
}

/// The full-screen loop and the clinic's screen flow over a ``ClinicFrontEnd``.
///
/// ``run(_:)`` drives any ``InteractiveScreen``: draws it, feeds it keys, redraws after each
/// key and on resize; below 80x24 it shows how big the terminal must be instead.
/// ``runClinic()`` is the whole flow: sign in, offer pending drafts, then the home menu
/// (worklist, find person, register person); a case page lists its modules to record and
/// its summary; forms write a draft after every committed field and are removed once saved.
///
/// ```swift
/// let term = RawTerminal(environment: env)
/// try term.start(); defer { term.stop() }
/// let app = ScreenApp(frontEnd: service, terminal: term, drafts: store, clock: { Date() })
/// let end = app.runClinic()
/// ```
public final class ScreenApp {
    public let frontEnd: ClinicFrontEnd
    public let terminal: TerminalDevice
    public let drafts: DraftStore
    let clock: () -> Date
    let timeZone: TimeZone
    public var language: String
    /// The signed-in user, after ``runClinic()`` signed in.
    public private(set) var user: ClinicUser?

    /// - Parameters:
    ///   - clock: the current time (draft stamps, `t` in dates).
    ///   - timeZone: the clinic's time zone for today's date.
    public init(frontEnd: ClinicFrontEnd, terminal: TerminalDevice, drafts: DraftStore, clock: @escaping () -> Date,
                timeZone: TimeZone = .current, language: String = "en") {
        self.frontEnd = frontEnd; self.terminal = terminal; self.drafts = drafts; self.clock = clock
        self.timeZone = timeZone; self.language = language
    }

    var today: LocalDate { LocalDate(clock(), timeZone: timeZone) }

    /// The host's text for `key` in the recorder's language (``HostText``).
    func t(_ key: String, _ arguments: [String: String] = [:]) -> String { HostText.text(key, language, arguments) }

    /// A menu in the recorder's language.
    func menu(_ title: String, _ items: [String], header: [String] = []) -> MenuScreen {
        var m = MenuScreen(title: title, items: items, header: header)
        m.language = language
        return m
    }

    // MARK: - The loop

    /// Runs one screen until it is done, cancelled or input ends.
    public func run<S: InteractiveScreen>(_ screen: S) -> ScreenRun<S.Result> {
        var s = screen
        draw(s)
        while let key = terminal.nextKey() {
            if key == .resize { draw(s); continue }
            let size = terminal.size
            if size.width < TerminalSize.minimum.width || size.height < TerminalSize.minimum.height {
                if key == .ctrl("c") { return .cancelled }
                draw(s); continue
            }
            switch s.handle(key) {
            case .stay: draw(s)
            case .done(let r): return .done(r)
            case .cancelled: return .cancelled
            }
        }
        return .endOfInput
    }

    private func draw<S: InteractiveScreen>(_ s: S) {
        let size = terminal.size
        if size.width < TerminalSize.minimum.width || size.height < TerminalSize.minimum.height {
            let w = max(1, size.width), h = max(1, size.height)
            let lines = [t("small.size", ["width": "\(size.width)", "height": "\(size.height)"]), t("small.make"), t("small.quit")]
            terminal.draw(Frame(width: w, height: h, rows: lines.prefix(h).map { Row([Span($0)]) }))
            return
        }
        terminal.draw(s.render(width: size.width, height: size.height))
    }

    /// Shows a message box; false when input ended.
    @discardableResult
    func show(_ title: String, _ lines: [String], error: Bool = false) -> Bool {
        var screen = MessageScreen(title: title, lines: lines, isError: error)
        screen.language = language
        if case .endOfInput = run(screen) { return false }
        return true
    }

    /// Why the clinic flow ended.
    public enum End: Hashable, Sendable {
        case signedOut
        /// The user gave up signing in, or input ended: the CLI exits non-zero.
        case notSignedIn
        case endOfInput
    }

    /// The whole clinic flow.
    public func runClinic() -> End {
        guard let user = signIn() else { return terminalEnded ? .endOfInput : .notSignedIn }
        self.user = user
        if !offerDrafts(user) { return .endOfInput }
        return home(user)
    }

    var terminalEnded = false

    private func signIn() -> ClinicUser? {
        var screen = SignInScreen(title: t("signin.title"))
        screen.language = language
        for _ in 0..<5 {
            switch run(screen) {
            case .done(let c):
                do { return try frontEnd.signIn(username: c.username, password: c.password) }
                catch {
                    screen = SignInScreen(title: t("signin.title"), message: "\(error)")
                    screen.username = c.username; screen.language = language
                }
            case .cancelled: return nil
            case .endOfInput: terminalEnded = true; return nil
            }
        }
        return nil
    }

    // MARK: - Home

    private func home(_ user: ClinicUser) -> End {
        while true {
            let home = menu("Clearance · \(user.displayName)",
                            [t("home.worklist"), t("home.find"), t("home.register"), t("home.signout")])
            switch run(home) {
            case .endOfInput: return .endOfInput
            case .cancelled:
                var confirm = ConfirmScreen(title: "Clearance · \(user.displayName)", question: t("home.quit"))
                confirm.language = language
                switch run(confirm) {
                case .endOfInput: return .endOfInput
                case .done(true): return .signedOut
                default: continue
                }
            case .done(3): return .signedOut
            case .done(0): if !worklist(user) { return .endOfInput }
            case .done(1): if !findPerson(user) { return .endOfInput }
            case .done(2): if !register(user) { return .endOfInput }
            case .done: continue
            }
        }
    }

    /// False when input ended.
    private func worklist(_ user: ClinicUser) -> Bool {
        let entries: [WorklistEntry]
        do { entries = try frontEnd.worklist() } catch { return show(t("home.worklist"), ["\(error)"], error: true) }
        // Typed words filter by name, programme, status (English or the clinic's words), a
        // module still needed, or the document number, in any order.
        let list = entries.map { e in
            let status = t("case_status." + e.status.replacingOccurrences(of: "-", with: "_"))
            return ListEntry(title: "\(t("worklist.case", ["id": e.caseID])) · \(e.personName) · \(e.programme)",
                             detail: e.outstanding.isEmpty ? status : t("worklist.needs", ["modules": e.outstanding.joined(separator: ", ")]),
                             keywords: "\(e.document) \(e.status) \(status)")
        }
        var screen = ListScreen(title: t("worklist.title", ["count": "\(entries.count)"]), entries: list)
        screen.emptyText = t("worklist.empty")
        screen.language = language
        switch run(screen) {
        case .endOfInput: return false
        case .cancelled: return true
        case .done(let pick):
            let matches = ListScreen(title: "", entries: list).search(pick.query)
            guard pick.index < matches.count, let i = list.firstIndex(of: matches[pick.index]) else { return true }
            return casePage(user, caseID: entries[i].caseID)
        }
    }

    private func findPerson(_ user: ClinicUser) -> Bool {
        var results: [String: [PersonSummary]] = [:]
        let fe = frontEnd
        var screen = ListScreen(title: t("home.find"), emptyText: t("find.empty")) { q in
            let found = (try? fe.findPersons(matching: q)) ?? []
            results[q] = found
            return found.map { ListEntry(title: $0.displayName, detail: "\($0.dateOfBirth?.description ?? "?") \($0.sex) \($0.nationality) \($0.document)") }
        }
        screen.language = language
        switch run(screen) {
        case .endOfInput: return false
        case .cancelled: return true
        case .done(let pick):
            guard let person = results[pick.query]?[safe: pick.index] else { return true }
            return personPage(user, person)
        }
    }

    private func personPage(_ user: ClinicUser, _ person: PersonSummary) -> Bool {
        let page = menu(person.displayName, [t("person.open"), t("common.back")],
                        header: [t("person.born", ["date": person.dateOfBirth?.description ?? "?", "sex": person.sex, "nationality": person.nationality]),
                                 t("person.document", ["document": person.document])])
        switch run(page) {
        case .endOfInput: return false
        case .done(0):
            let programmes: [ProgrammeChoice]
            do { programmes = try frontEnd.programmes() } catch { return show(t("programme.error"), ["\(error)"], error: true) }
            switch run(menu(t("programme.title", ["name": person.displayName]), programmes.map { "\($0.title) (\($0.id))" })) {
            case .endOfInput: return false
            case .cancelled: return true
            case .done(let i):
                do {
                    let c = try frontEnd.openCase(personID: person.id, programme: programmes[i].id)
                    return casePage(user, caseID: c.caseID)
                } catch { return show(t("case.open_error"), ["\(error)"], error: true) }
            }
        default: return true
        }
    }

    private func register(_ user: ClinicUser) -> Bool {
        let form = RegistrationForm.spec
        var session = FormSession(form: form, rules: FormEvaluator(form: form, context: ModuleContext(today: today)),
                                  roles: user.roles, today: today, language: language,
                                  attachImage: { [frontEnd] path in
                                      // Checked now, stored with the person once registered.
                                      try frontEnd.checkImage(path: path)
                                      return 0
                                  })
        while true {
            var screen = FormScreen(session: session)
            let outcome = runForm(&screen)
            session = screen.session
            switch outcome {
            case .endOfInput: return false
            case .cancelled, .done(.discarded): return true
            case .done(.saved): break
            }
            guard let submission = session.submission, let reg = RegistrationForm.registration(from: submission) else {
                session.showRejection([ValidationIssue(field: "(registration)", message: t("registration.required"))])
                continue
            }
            do {
                let p = try frontEnd.registerPerson(reg)
                return personPage(user, p)
            } catch {
                session.showRejection([ValidationIssue(field: "(registration)", message: "\(error)")])
            }
        }
    }

    // MARK: - Cases and forms

    /// The draft id of a module's form for a case.
    public static func draftID(caseID: String, module: String, user: String) -> String { "case-\(caseID)/\(module)/\(user)" }

    /// Fills and saves a module's form; false when input ended.
    func recordModule(_ user: ClinicUser, caseID: String, module: String, context: [String: String],
                      resume: Draft? = nil) -> Bool {
        let rf: RecordingForm
        do { rf = try frontEnd.recordingForm(caseID: caseID, module: module) } catch { return show(t("common.form"), ["\(error)"], error: true) }
        let id = ScreenApp.draftID(caseID: caseID, module: module, user: user.username)
        let draft = resume ?? (try? drafts.load(id: id)) ?? nil
        let usable = draft.flatMap { $0.matches(rf.form) ? $0 : nil }
        var session = FormSession(form: rf.form, rules: rf.rules, roles: user.roles, today: today, language: language,
                                  answers: usable?.answers ?? rf.answers,
                                  attachImage: { [frontEnd] path in try frontEnd.attachImage(path: path) })
        var ctx = context; ctx["module"] = module; ctx["case"] = caseID; ctx["user"] = user.username
        let store = drafts, form = rf.form, clock = self.clock, frozen = ctx
        session.onCommit = { answers in
            try? store.save(Draft(id: id, form: form, savedAt: clock(), context: frozen, answers: answers))
        }
        if draft != nil, usable == nil { session.message = t("drafts.other_version") }
        while true {
            var screen = FormScreen(session: session)
            let outcome = runForm(&screen)
            session = screen.session
            switch outcome {
            case .endOfInput: return false
            case .cancelled, .done(.discarded): return true
            case .done(.saved):
                guard var submission = session.submission else { return true }
                do {
                    var result = try frontEnd.record(caseID: caseID, module: module, submission: submission)
                    if case .needsSupersede(let message) = result {
                        // Recording a module the case already holds replaces it: say why, or go back.
                        let form = OfficerForms.reason(title: LocalizedText(["en": message]))
                        var reason: String?
                        switch fillForm(form, user: user, submit: { r in reason = r.answers["reason"]?.string; return .saved(message: "") }) {
                        case .done: break
                        case .cancelled, .endOfInput: reason = nil
                        }
                        guard let reason, !reason.isEmpty else { session.showRejection([ValidationIssue(field: "(save)", message: message)]); continue }
                        submission.supersede = reason
                        result = try frontEnd.record(caseID: caseID, module: module, submission: submission)
                    }
                    switch result {
                    case .saved(let message):
                        try? drafts.remove(id: id)
                        return show(t("saved.title"), [message])
                    case .rejected(let issues):
                        session.showRejection(issues)
                    case .needsSupersede(let message):
                        session.showRejection([ValidationIssue(field: "(save)", message: message)])
                    }
                } catch {
                    session.showRejection([ValidationIssue(field: "(save)", message: "\(error)")])
                }
            }
        }
    }

    /// Runs a form screen, keeping the session's final state in `screen` (its submission,
    /// image files, answers) so the caller can save it and show a rejection.
    public func runForm(_ screen: inout FormScreen) -> ScreenRun<FormSession.Outcome> {
        draw(screen)
        while let key = terminal.nextKey() {
            let size = terminal.size
            if key == .resize || size.width < TerminalSize.minimum.width || size.height < TerminalSize.minimum.height {
                draw(screen); continue
            }
            switch screen.handle(key) {
            case .stay: draw(screen)
            case .done(let r): return .done(r)
            case .cancelled: return .cancelled
            }
        }
        return .endOfInput
    }

    // MARK: - Drafts

    /// Offers the user's pending drafts; false when input ended.
    private func offerDrafts(_ user: ClinicUser) -> Bool {
        let mine = ((try? drafts.pending()) ?? []).filter { $0.context["user"] == user.username }
        guard !mine.isEmpty else { return true }
        let items = mine.map { d in
            t("drafts.resume", ["module": d.context["module"] ?? d.formID,
                                "who": d.context["person"] ?? t("worklist.case", ["id": d.context["case"] ?? "?"])])
        } + [t("drafts.not_now")]
        switch run(menu(t("drafts.title"), items, header: [t("drafts.header")])) {
        case .endOfInput: return false
        case .done(let i) where i < mine.count:
            let d = mine[i]
            guard let caseID = d.context["case"], let module = d.context["module"] else { return true }
            return recordModule(user, caseID: caseID, module: module, context: d.context, resume: d)
        default: return true
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
