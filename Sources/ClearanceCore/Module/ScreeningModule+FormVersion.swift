// MARK: - A module with an earlier version of its form

extension ScreeningModule {
    /// This module as it was with another version of its form (loaded from the source stored
    /// with the form version): what an encounter recorded with that version is shown and
    /// corrected against, with its own fields.
    ///
    /// A declarative module takes the rules of that file too; a compiled module keeps its
    /// Swift validation and derivation and only its form changes.
    ///
    /// ```swift
    /// let old = try FormLoader.load(yaml: storedSource, origin: "tb form version 2")
    /// let checked = module.withForm(old).check(merged, submitted: changes, context: context)
    /// ```
    public func withForm(_ file: FormFile) -> any ScreeningModule {
        if let spec = file.module, spec.implementation == "declarative", self is DeclarativeModule {
            return DeclarativeModule(form: file.form, spec: spec)
        }
        return ModuleWithForm(base: self, form: file.form)
    }
}

/// A compiled module with another version of its form (see ``ScreeningModule/withForm(_:)``).
struct ModuleWithForm: ScreeningModule {
    let base: any ScreeningModule
    let form: FormSpec
    var manifest: ModuleManifest { base.manifest }
    var source: ModuleSource { base.source }
    var usesBaseline: Bool { base.usesBaseline }
    func validate(_ answers: Answers, context: ModuleContext) -> [ValidationIssue] { base.validate(answers, context: context) }
    func derive(_ answers: Answers, context: ModuleContext) -> Derivation { base.derive(answers, context: context) }
    func certificateEntry(_ answers: Answers, derivation: Derivation, recordedOn: LocalDate) -> CertificateEntry? {
        base.certificateEntry(answers, derivation: derivation, recordedOn: recordedOn)
    }
}
