import ClearanceCore

extension AudiometryModule {
    /// Identity, roles and every result code with its meaning.
    public var manifest: ModuleManifest {
        func t(_ en: String, _ fr: String, _ es: String) -> LocalizedText {
            LocalizedText(["en": en, "fr": fr, "es": es])
        }
        return ModuleManifest(
            id: AudiometryModule.id,
            version: SemanticVersion(1, 0, 0),
            title: t("Audiometry", "Audiométrie", "Audiometría"),
            recordRoles: [.audiometrist, .nurse, .medicalOfficer],
            resultCodes: [
                ResultCode("AUD-NORMAL", t("Normal hearing (better ear PTA4 < 20 dB HL)",
                                           "Audition normale (PTA4 de la meilleure oreille < 20 dB HL)",
                                           "Audición normal (PTA4 del mejor oído < 20 dB HL)")),
                ResultCode("AUD-MILD", t("Mild hearing loss (20 to < 35 dB HL)",
                                         "Perte auditive légère (20 à < 35 dB HL)",
                                         "Pérdida auditiva leve (20 a < 35 dB HL)")),
                ResultCode("AUD-MODERATE", t("Moderate hearing loss (35 to < 50 dB HL)",
                                             "Perte auditive modérée (35 à < 50 dB HL)",
                                             "Pérdida auditiva moderada (35 a < 50 dB HL)")),
                ResultCode("AUD-MODSEVERE", t("Moderately severe hearing loss (50 to < 65 dB HL)",
                                              "Perte auditive modérément sévère (50 à < 65 dB HL)",
                                              "Pérdida auditiva moderadamente grave (50 a < 65 dB HL)")),
                ResultCode("AUD-SEVERE", t("Severe hearing loss (65 to < 80 dB HL)",
                                           "Perte auditive sévère (65 à < 80 dB HL)",
                                           "Pérdida auditiva grave (65 a < 80 dB HL)")),
                ResultCode("AUD-PROFOUND", t("Profound hearing loss (80 to < 95 dB HL)",
                                             "Perte auditive profonde (80 à < 95 dB HL)",
                                             "Pérdida auditiva profunda (80 a < 95 dB HL)")),
                ResultCode("AUD-COMPLETE", t("Complete or total hearing loss (>= 95 dB HL)",
                                             "Perte auditive complète ou totale (>= 95 dB HL)",
                                             "Pérdida auditiva completa o total (>= 95 dB HL)")),
                ResultCode(Code.unilateral, t("Unilateral hearing loss (better ear < 20, worse ear >= 35 dB HL)",
                                              "Perte auditive unilatérale (meilleure oreille < 20, moins bonne >= 35 dB HL)",
                                              "Pérdida auditiva unilateral (mejor oído < 20, peor oído >= 35 dB HL)")),
                ResultCode(Code.conductive, t("Conductive component (air-bone gap >= 15 dB)",
                                              "Composante de transmission (écart aérien-osseux >= 15 dB)",
                                              "Componente conductivo (diferencia aérea-ósea >= 15 dB)")),
                ResultCode(Code.thresholdShift, t("Standard threshold shift from baseline (>= 10 dB at 2-4 kHz)",
                                                  "Décalage significatif du seuil par rapport à la référence (>= 10 dB à 2-4 kHz)",
                                                  "Cambio estándar del umbral respecto a la línea de base (>= 10 dB a 2-4 kHz)")),
            ],
            parameters: [
                ModuleParameter("calibration_max_months", .integer(0...120), "months a calibration stays valid"),
                ModuleParameter("quiet_hours_min", .integer(0...1000), "hours without noise exposure a baseline needs"),
                ModuleParameter("conductive_gap_db", .number(0...120), "air-bone gap (dB) flagging AUD-CONDUCTIVE"),
                ModuleParameter("sts_shift_db", .number(0...120), "2-3-4 kHz average shift (dB) flagging AUD-STS"),
            ],
            attachmentKinds: [AudiometryModule.attachmentKind])
    }
}
