import Yams

// MARK: - The module section

extension FormFileParser {
    static let moduleKeys = ["id", "version", "host_api", "implementation", "record_roles", "read_roles", "confidential",
                             "result_codes", "pending_codes", "not_done_codes", "rules", "attachment_kinds"]

    /// The `module:` section. `formID` and `title` come from the form section.
    func parseModule(_ node: Node, formID: String?, title: LocalizedText?) -> DeclarativeModuleSpec? {
        // A compiled (`swift`) module's manifest lives in Swift: only id and implementation are required.
        let isSwift = node.mapping?["implementation"]?.scalar?.string == "swift"
        let required = isSwift ? ["id", "implementation"] : ["id", "version", "host_api", "implementation", "record_roles"]
        guard let m = mapping(node, "the module section", known: Self.moduleKeys, required: required) else { return nil }
        var ok = true
        var id = ""
        if let n = m["id"]?.value, let s = string(n, "module.id") {
            id = s
            if let formID, s != formID {
                problem(n, "module.id '\(s)' differs from form.id '\(formID)'; they must be equal"); ok = false
            }
        } else { ok = false }
        var version = SemanticVersion(0)
        if let n = m["version"]?.value, let s = string(n, "module.version") {
            if let v = SemanticVersion(s) { version = v }
            else { problem(n, "module.version '\(s)' is not a semantic version; write MAJOR.MINOR.PATCH, as in 1.0.0"); ok = false }
        } else if !isSwift { ok = false }
        var range = VersionRange(SemanticVersion(1), SemanticVersion(2))
        if let n = m["host_api"]?.value, let s = string(n, "module.host_api") {
            if let r = VersionRange(s) { range = r }
            else { problem(n, "module.host_api '\(s)' is not a version range; write \">=1.0 <2.0\" (quoted) or a major version like 1"); ok = false }
        } else if !isSwift { ok = false }
        var implementation = ""
        if let n = m["implementation"]?.value, let s = string(n, "module.implementation") {
            implementation = s
            if s != "swift" && s != "declarative" {
                problem(n, "module.implementation must be 'declarative' (rules in this file) or 'swift' (a compiled module), not '\(s)'"); ok = false
            }
        } else { ok = false }
        func roles(_ key: String) -> Set<Role>? {
            guard let n = m[key]?.value, let list = stringList(n, "module.\(key)") else { return nil }
            var out: Set<Role> = []
            for (s, rn) in list {
                if let r = Role(name: s) { out.insert(r) }
                else { problem(rn, "unknown role '\(s)' in module.\(key); roles are: \(Role.allCases.map(\.rawValue).joined(separator: ", "))"); ok = false }
            }
            return out
        }
        let recordRoles = roles("record_roles") ?? []
        if m["record_roles"] != nil && recordRoles.isEmpty, let n = m["record_roles"]?.value {
            problem(n, "module.record_roles is empty; name at least one role that may record this module"); ok = false
        }
        let readRoles = roles("read_roles")
        let confidential = m["confidential"].flatMap { bool($0.value, "module.confidential") } ?? false
        // The attachment kinds its image fields take (ModuleManifest.attachmentKinds).
        var attachmentKinds: [String] = []
        if let n = m["attachment_kinds"]?.value, let list = stringList(n, "module.attachment_kinds") {
            for (s, kn) in list {
                if s.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil { attachmentKinds.append(s) }
                else { problem(kn, "attachment kind '\(s)' must be lower case letters, digits and '-', as in ecg or fundus-photo"); ok = false }
            }
        }

        var codes: [ResultCode] = []
        if let n = m["result_codes"]?.value {
            if case .sequence(let items) = n {
                var seen: [String: Int] = [:]
                for item in items {
                    guard let e = mapping(item, "a result code", known: ["code", "meaning"], required: ["code", "meaning"]),
                          let cn = e["code"]?.value, let code = string(cn, "a result code") else { ok = false; continue }
                    if !FormNames.isValidResultCode(code) {
                        problem(cn, "result code '\(code)' must be upper-case letters, digits and '-', as in VIS-REFER"); ok = false
                    }
                    if let first = seen[code] {
                        problem(cn, "result code '\(code)' is declared twice (first on line \(first)); codes must be unique"); ok = false
                    }
                    seen[code] = cn.mark?.line ?? 0
                    let meaning = e["meaning"].flatMap { text($0.value, "the meaning of \(code)") } ?? LocalizedText([:])
                    codes.append(ResultCode(code, meaning))
                }
            } else { problem(n, "module.result_codes must be a list of {code, meaning}; found \(kind(n))"); ok = false }
        }
        let declared = Set(codes.map(\.code))
        if implementation == "declarative" && codes.isEmpty {
            problem(node, "a declarative module needs result_codes; list the codes its rules can produce"); ok = false
        }

        var pendingCodes: Set<String> = []
        if let n = m["pending_codes"]?.value, let list = stringList(n, "module.pending_codes") {
            for (c, cn) in list {
                if !declared.contains(c) { problem(cn, "pending code '\(c)' is not in result_codes; declare it there"); ok = false }
                pendingCodes.insert(c)
            }
        }

        var notDoneCodes: Set<String> = []
        if let n = m["not_done_codes"]?.value, let list = stringList(n, "module.not_done_codes") {
            for (c, cn) in list {
                if !declared.contains(c) { problem(cn, "not-done code '\(c)' is not in result_codes; declare it there"); ok = false }
                notDoneCodes.insert(c)
            }
        }

        var rules: [ResultRule] = []
        if let n = m["rules"]?.value {
            if case .sequence(let items) = n {
                for item in items {
                    guard let e = mapping(item, "a rule", known: ["code", "when"], required: ["code", "when"]),
                          let cn = e["code"]?.value, let code = string(cn, "the code of a rule") else { ok = false; continue }
                    if !declared.contains(code) {
                        var msg = "rule code '\(code)' is not declared in result_codes"
                        if let s = FormNames.suggestion(for: code, among: Array(declared)) { msg += "; did you mean '\(s)'?" }
                        else { msg += "; declare it there" }
                        problem(cn, msg); ok = false
                    }
                    guard let wn = e["when"]?.value,
                          let w = expression(wn, .when, owner: nil, scope: [], what: "when of rule \(code)") else { ok = false; continue }
                    rules.append(ResultRule(code: code, when: w))
                }
            } else { problem(n, "module.rules must be a list of {code, when}; found \(kind(n))"); ok = false }
        } else if implementation == "declarative" {
            problem(node, "a declarative module needs rules; add rules: [{code: ..., when: \"...\"}]"); ok = false
        }
        guard ok, let title else { return nil }
        let manifest = ModuleManifest(id: id, version: version, hostAPI: range, title: title, recordRoles: recordRoles,
                                      readRoles: readRoles, confidential: confidential, resultCodes: codes,
                                      notDoneCodes: notDoneCodes, attachmentKinds: attachmentKinds)
        return DeclarativeModuleSpec(manifest: manifest, implementation: implementation, rules: rules, pendingCodes: pendingCodes)
    }
}
