// MARK: - Role visibility

extension Field {
    /// Whether a user holding `roles` passes this field's own `roles:` restriction
    /// (true when the field has none). Enclosing repeat groups are not considered here; use
    /// ``FormSpec/isVisible(_:to:)`` for a field in its place in the form.
    public func isOpen(to roles: Set<Role>) -> Bool {
        guard let allowed = self.roles else { return true }
        return !allowed.isDisjoint(with: roles)
    }
}

/// An answer given to a field that the user's roles may not see (see ``FormSpec/restrictedAnswers(in:for:)``).
public struct RestrictedAnswer: Hashable, Sendable {
    /// Where the answer was given (`hiv_known`, `specimens[2].smear`).
    public var path: FieldPath
    /// The roles the field (or the repeat group around it) is restricted to.
    public var allowedRoles: Set<Role>
    public init(path: FieldPath, allowedRoles: Set<Role>) { self.path = path; self.allowedRoles = allowedRoles }
}

extension FormSpec {
    /// The restriction that hides the field at `path` from a user holding `roles`: the
    /// `roles:` of the outermost field along the path (the repeat group, then the field inside
    /// it) that none of `roles` satisfies. Nil when the user may see and answer the field.
    ///
    /// This is the one role-visibility rule: a field whose `roles` exclude the user is neither
    /// shown to nor answered by them, and neither is anything inside such a repeat group.
    /// A path the form does not declare has no restriction (validation reports it as unknown).
    ///
    /// ```swift
    /// form.restriction(of: FieldPath(field: "hiv_known"), for: [.nurse])   // [.counsellor, .medicalOfficer]
    /// ```
    public func restriction(of path: FieldPath, for roles: Set<Role>) -> Set<Role>? {
        var level = fields
        for c in path.components {
            guard let f = level.first(where: { $0.name == c.name }) else { return nil }
            if !f.isOpen(to: roles), let allowed = f.roles { return allowed }
            level = f.fields
        }
        return nil
    }

    /// Whether a user holding `roles` may see and answer the field at `path`: every field along
    /// the path is open to one of the roles (see ``restriction(of:for:)``).
    public func isVisible(_ path: FieldPath, to roles: Set<Role>) -> Bool {
        restriction(of: path, for: roles) == nil
    }

    /// `answers` without the answers a user holding `roles` may not see, recursively through
    /// repeat instances. Names the form does not declare are kept (validation reports them).
    ///
    /// ```swift
    /// let shown = form.visibleAnswers(stored, to: session.roles)
    /// ```
    public func visibleAnswers(_ answers: Answers, to roles: Set<Role>) -> Answers {
        guard hasRestrictedFields else { return answers }
        return Self.visible(answers, level: fields, roles: roles)
    }

    private static func visible(_ answers: Answers, level: [Field], roles: Set<Role>) -> Answers {
        var out = Answers()
        for (name, value) in answers.values {
            guard let f = level.first(where: { $0.name == name }) else { out[name] = value; continue }
            guard f.isOpen(to: roles) else { continue }
            if f.type == .repeatGroup, case .group(let instances) = value {
                out[name] = .group(instances.map { visible($0, level: f.fields, roles: roles) })
            } else {
                out[name] = value
            }
        }
        return out
    }

    /// Every answer in `answers` to a field that a user holding `roles` may not see, each with
    /// the roles it is restricted to, in the order of ``Answers/flattened(prefix:)``. What the
    /// save path refuses (and reports) rather than stores.
    public func restrictedAnswers(in answers: Answers, for roles: Set<Role>) -> [RestrictedAnswer] {
        guard hasRestrictedFields else { return [] }
        return answers.flattened().compactMap { path, _ in
            restriction(of: path, for: roles).map { RestrictedAnswer(path: path, allowedRoles: $0) }
        }
    }
}

// MARK: - Reading stored answers

extension Field {
    /// Whether a user holding `roles` may read a stored answer to this field (its ``readers``;
    /// true when it has none). Enclosing repeat groups are not considered here.
    public func isReadable(by roles: Set<Role>) -> Bool {
        guard let allowed = readers else { return true }
        return !allowed.isDisjoint(with: roles)
    }
}

extension FormSpec {
    /// Whether a user holding `roles` may read a stored answer at `path`: every field along the
    /// path lets them read (``Field/readers``: `read_roles`, else `roles`). Distinct from
    /// ``isVisible(_:to:)``, which says who sees and answers the field while recording: a nurse
    /// answers TB's `hiv_status` but does not read it back. A path the form does not declare
    /// is readable (the module's own read roles still apply).
    ///
    /// ```swift
    /// form.isReadable(FieldPath(field: "hiv_status"), by: [.nurse])   // false
    /// ```
    public func isReadable(_ path: FieldPath, by roles: Set<Role>) -> Bool {
        var level = fields
        for c in path.components {
            guard let f = level.first(where: { $0.name == c.name }) else { return true }
            if !f.isReadable(by: roles) { return false }
            level = f.fields
        }
        return true
    }

    /// `answers` without those a user holding `roles` may not read back (``isReadable(_:by:)``),
    /// recursively through repeat instances: what every read of a stored encounter shows.
    public func readableAnswers(_ answers: Answers, by roles: Set<Role>) -> Answers {
        guard hasRestrictedFields else { return answers }
        return Self.readable(answers, level: fields, roles: roles)
    }

    private static func readable(_ answers: Answers, level: [Field], roles: Set<Role>) -> Answers {
        var out = Answers()
        for (name, value) in answers.values {
            guard let f = level.first(where: { $0.name == name }) else { out[name] = value; continue }
            guard f.isReadable(by: roles) else { continue }
            if f.type == .repeatGroup, case .group(let instances) = value {
                out[name] = .group(instances.map { readable($0, level: f.fields, roles: roles) })
            } else {
                out[name] = value
            }
        }
        return out
    }

    /// Whether `answers` hold anything a user holding `roles` may not read back.
    public func hasUnreadableAnswers(_ answers: Answers, by roles: Set<Role>) -> Bool {
        guard hasRestrictedFields else { return false }
        return answers.flattened().contains { !isReadable($0.0, by: roles) }
    }
}
