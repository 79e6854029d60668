import ClearanceCore
import Foundation

/// Remembers the rules' answers for the current answers, so a redraw asks each question once.
///
/// A frame asks relevance and requirement of every field; ``FormEvaluator``'s per-field calls
/// each normalize the whole form first (O(fields) each, so O(fields²) a frame). For a
/// ``FormEvaluator`` this normalizes once per distinct answers and evaluates `relevant` and
/// `required` with the evaluator's public ``FormEvaluator/holds(_:in:current:scope:)`` on the
/// normalized answers, with the same semantics as the evaluator (a field is relevant when its
/// own `relevant` and every enclosing group's hold; required only while relevant). Problems
/// and validation always come from the wrapped rules.
final class CachedFormRules: FormRules, @unchecked Sendable {
    let base: any FormRules
    private let evaluator: FormEvaluator?
    private let lock = NSLock()
    private var key: Answers?
    private var normalizedCache: Answers?
    private var relevant: [FieldPath: Bool] = [:]
    private var required: [FieldPath: Bool] = [:]
    private var issueCache: [FieldPath: [ValidationIssue]] = [:]
    private var validation: [ValidationIssue]?

    init(_ base: any FormRules) {
        self.base = (base as? CachedFormRules)?.base ?? base
        self.evaluator = self.base as? FormEvaluator
    }

    /// Drops the cache when the answers changed. Call with the lock held.
    private func sync(_ answers: Answers) {
        if key != answers {
            key = answers; normalizedCache = nil; relevant = [:]; required = [:]; issueCache = [:]; validation = nil
        }
    }

    private func normalizedLocked(_ answers: Answers) -> Answers {
        if let n = normalizedCache { return n }
        let n = base.normalized(answers)
        normalizedCache = n
        return n
    }

    func normalized(_ answers: Answers) -> Answers {
        lock.lock(); defer { lock.unlock() }
        sync(answers)
        return normalizedLocked(answers)
    }

    func isRelevant(_ path: FieldPath, in answers: Answers) -> Bool {
        lock.lock(); defer { lock.unlock() }
        sync(answers)
        if let r = relevant[path] { return r }
        let r: Bool
        if let ev = evaluator {
            r = relevance(path, ev, normalizedLocked(answers))
        } else {
            r = base.isRelevant(path, in: answers)
        }
        relevant[path] = r
        return r
    }

    private func relevance(_ path: FieldPath, _ ev: FormEvaluator, _ a: Answers) -> Bool {
        var level = ev.form.fields
        for (k, c) in path.components.enumerated() {
            guard let f = level.first(where: { $0.name == c.name }) else { return false }
            if let r = f.relevant {
                let scope = k == 0 ? nil : FieldPath(Array(path.components.prefix(k)))
                if !ev.holds(r, in: a, scope: scope) { return false }
            }
            level = f.fields
        }
        return !path.components.isEmpty
    }

    func isRequired(_ path: FieldPath, in answers: Answers) -> Bool {
        lock.lock()
        sync(answers)
        if let r = required[path] { lock.unlock(); return r }
        lock.unlock()
        let r: Bool
        if let ev = evaluator {
            if let f = ev.form.field(at: path), f.isInput, isRelevant(path, in: answers) {
                switch f.required {
                case .never: r = false
                case .always: r = true
                case .when(let e):
                    let scope = path.components.count > 1 ? FieldPath(Array(path.components.dropLast())) : nil
                    r = ev.holds(e, in: normalized(answers), scope: scope)
                }
            } else { r = false }
        } else {
            r = base.isRequired(path, in: answers)
        }
        lock.lock(); required[path] = r; lock.unlock()
        return r
    }

    func issues(for path: FieldPath, in answers: Answers) -> [ValidationIssue] {
        lock.lock(); defer { lock.unlock() }
        sync(answers)
        if let i = issueCache[path] { return i }
        let i = base.issues(for: path, in: answers)
        issueCache[path] = i
        return i
    }

    func validate(_ answers: Answers) -> [ValidationIssue] {
        lock.lock(); defer { lock.unlock() }
        sync(answers)
        if let v = validation { return v }
        let v = base.validate(answers)
        validation = v
        return v
    }
}
