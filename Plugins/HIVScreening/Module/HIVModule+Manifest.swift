import ClearanceCore

extension HIVModule {
    /// Identity, roles and result codes. Confidential: counsellors and medical officers only.
    public var manifest: ModuleManifest {
        ModuleManifest(
            id: HIVModule.id,
            version: SemanticVersion(1, 0, 0),
            title: LocalizedText(["en": "HIV counselling and testing",
                                  "fr": "Conseil et dépistage du VIH",
                                  "es": "Asesoramiento y prueba del VIH"]),
            recordRoles: [.counsellor, .medicalOfficer],
            readRoles: [.counsellor, .medicalOfficer],
            confidential: true,
            resultCodes: [
                ResultCode(Code.negative, LocalizedText([
                    "en": "HIV-negative", "fr": "VIH négatif", "es": "VIH negativo"])),
                ResultCode(Code.positive, LocalizedText([
                    "en": "HIV-positive: refer for care and treatment",
                    "fr": "VIH positif : orienter vers les soins et le traitement",
                    "es": "VIH positivo: derivar a atención y tratamiento"])),
                ResultCode(Code.inconclusive, LocalizedText([
                    "en": "HIV status inconclusive: retest in 14 days",
                    "fr": "Statut VIH non concluant : nouveau test dans 14 jours",
                    "es": "Estado VIH no concluyente: repetir la prueba en 14 días"])),
                ResultCode(Code.declined, LocalizedText([
                    "en": "HIV test declined (consent refused)",
                    "fr": "Test VIH refusé (consentement refusé)",
                    "es": "Prueba de VIH rechazada (consentimiento denegado)"])),
                ResultCode(Code.notTested, LocalizedText([
                    "en": "Consent given, HIV test not done",
                    "fr": "Consentement donné, test VIH non réalisé",
                    "es": "Consentimiento otorgado, prueba de VIH no realizada"])),
            ],
            notDoneCodes: [Code.declined, Code.notTested],
            parameters: [
                ModuleParameter("hiv_algorithm", .text(allowed: HIVAlgorithms.all.map(\.id)), "the HIV testing algorithm (id and version)"),
                ModuleParameter("hiv_retest_days", .integer(1...365), "days until the retest of an inconclusive result"),
            ],
            programmeSettings: [Parameter.algorithm],
            facts: [ModuleFact(Fact.infectionKnown, LocalizedText(["en": "HIV infection known (a positive result in this case)"]),
                               whenCodes: [Code.positive])])
    }
}
