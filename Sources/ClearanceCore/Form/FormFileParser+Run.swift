import Yams

// MARK: - Whole file

extension FormFileParser {
    /// Reads and checks the whole file.
    /// - Throws: ``FormLoadError`` with every problem, sorted by line and column.
    func run() throws -> FormFile {
        let root = try YAMLDocument.compose(yaml, origin: origin,
            empty: "the file is empty; a form file needs form: and fields: sections (see docs/FORMS.md)")

        guard let top = mapping(root, "the file", known: Self.rootKeys, required: ["form", "fields"]) else {
            throw FormLoadError(problems: problems)
        }
        let header = top["form"].flatMap { parseFormSection($0.value) }
        if let c = top["choices"] { parseChoices(c.value) }
        let fields = top["fields"].map { parseFields($0.value, parent: []) } ?? []
        if case .sequence(let s)? = top["fields"]?.value, s.isEmpty {
            problem(top["fields"]?.value, "the form has no fields; add at least one")
        }
        let module = top["module"].flatMap { parseModule($0.value, formID: header?.id, title: header?.title) }

        var form = FormSpec(id: header?.id ?? "", version: header?.version ?? "", title: header?.title ?? LocalizedText([:]),
                            languages: languages, fields: fields, choiceLists: choiceLists, source: yaml, origin: origin)
        checkExpressions(form)
        checkCycles(form)
        checkExamples(&form)

        if !problems.isEmpty {
            throw FormLoadError(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return FormFile(form: form, module: module, warnings: translationWarnings)
    }
}
