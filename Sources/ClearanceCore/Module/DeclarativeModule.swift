/// A module defined entirely by a form file with a `module:` section: a team adds one by
/// dropping the file into `Forms/modules/` or a directory of `CLEARANCE_MODULES_PATH`.
public struct DeclarativeModule: ScreeningModule {
    public let manifest: ModuleManifest
    public let form: FormSpec
    public let spec: DeclarativeModuleSpec
    public var source: ModuleSource { .declarative }

    public init(form: FormSpec, spec: DeclarativeModuleSpec) {
        self.form = form; self.spec = spec
        var manifest = spec.manifest
        if manifest.parameters == nil { manifest.parameters = Self.declaredParameters(form: form, rules: spec.rules) }
        self.manifest = manifest
    }

    /// Every rule whose `when` holds adds its code, in rule order, once.
    ///
    /// The answers are normalized first (calculations worked out, non-relevant answers dropped),
    /// so rules see the same values whether given raw or stored answers.
    public func derive(_ answers: Answers, context: ModuleContext) -> Derivation {
        let evaluator = FormEvaluator(form: form, context: context)
        let normalized = evaluator.normalized(answers)
        var codes: [String] = []
        for rule in spec.rules where !codes.contains(rule.code) {
            if evaluator.evaluate(rule.when, in: normalized)?.bool == true { codes.append(rule.code) }
        }
        return Derivation(resultCodes: codes, pending: codes.contains { spec.pendingCodes.contains($0) })
    }
}
