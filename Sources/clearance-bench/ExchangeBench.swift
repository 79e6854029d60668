import ClearanceCore
import ClearanceService
import ClearanceStore
import Foundation

/// The exchange figures over the bench database (the store section's shape: `encounters`
/// 15-field encounters, five per case): FHIR Bundles per second and one aggregate report.
struct ExchangeBench {
    let workDir: URL
    let encounters: Int

    func run() throws -> [Figure] {
        let store = StoreBench(workDir: workDir, encounters: encounters, persons: 0)
        let (service, nurse) = try store.service("exchange.sqlite", synchronous: .off)
        let casesCount = max(1, encounters / 5)
        var caseIDs: [Int64] = []
        let sexes = ["F", "M", "X"], sites = ["SITE-A", "SITE-B", "SITE-C", "SITE-D"]
        for i in 0..<casesCount {
            let p = try service.addPerson(PersonInput(surname: "Exchange\(i)", givenNames: "Person", dateOfBirth: LocalDate("1960-01-01")!.adding(days: i % 15_000),
                                                      sex: sexes[i % 3], nationality: "PHL", documentNumber: "EX\(i)"), by: nurse)
            caseIDs.append(try service.openCase(personID: p.id, programme: "uk-tb", site: sites[i % sites.count], by: nurse).id)
        }
        let items = (0..<encounters).map { ImportItem(caseID: caseIDs[$0 % casesCount], answers: store.answers($0), supersede: "bench: screened again") }
        _ = try service.importEncounters(module: "bench", items: items, batchSize: 1000, by: nurse)

        // Every case, Bundles serialized and counted as a file writer would receive them.
        var bytes = 0
        let t0 = now()
        let report = try service.exportFHIR(.since(LocalDate("2000-01-01")!), settings: ExchangeSettings(), by: nurse) { bytes += $0.utf8.count + 1 }
        let fhirSeconds = now() - t0
        precondition(report.encounters == encounters, "exported \(report.encounters) of \(encounters) encounters")

        var samples: [Double] = []
        let period = AggregatePeriod("2026")!
        let dims: [AggregateDimension] = [.programme, .clinic, .sex, .ageBand, .result]
        for _ in 0..<5 {
            let t1 = now()
            let r = try service.aggregateReport(period: period, by: dims, settings: ExchangeSettings(), session: nurse)
            samples.append((now() - t1) * 1000)
            precondition(r.table.values.last?.last ?? 0 > 0, "the aggregate counted nothing")
        }
        return [
            Figure(name: "export_fhir_per_s", value: Double(encounters) / fhirSeconds, unit: "encounters/s (\(report.cases) Bundles, \(bytes / 1_048_576) MiB, \(String(format: "%.1f", fhirSeconds)) s)", target: ">= 2000"),
            Figure(name: "report_aggregate_ms", value: quantile(samples, 0.5), unit: "ms (median of 5; by programme, clinic, sex, age band, result)", target: "<= 1000"),
        ]
    }
}
