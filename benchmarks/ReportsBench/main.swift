// The Swift side of scripts/bench/reports.sh: renders an invoice-like export of N rows × 12
// columns to PDF or XLSX, rows generated as they are drawn (as a database cursor streams them), and
// prints rows/s, pages/s and peak RSS as one JSON line. benchmarks/ReportsBench/peer.py renders
// the same rows with reportlab and XlsxWriter.
import Foundation
import ReportRendering
import Synchronization

/// Row `index` of the benchmark data; peer.py computes the same values.
func benchmarkRow(_ index: Int) -> [ReportCell] {
    let technicians = ["Élodie Marchand", "Jérôme Dupré", "François Nguyen", "Zoë Ångström", "Hélène Arçais", "Noël Bérénger"]
    let sites = ["Chantier Gare Nord", "Résidence Les Tilleuls", "École Jean-Jaurès", "Pont de la Défense"]
    let hours = Double(index % 8) + 0.5
    let rate = 38.0 + Double(index % 5)
    let quantity = Double(index % 13) * 1.5
    let unitCost = 4.25 + Double(index % 7)
    return [
        .date(CivilDate(daysSince1970: 20_454 + index % 365)),
        .text("INT-2026-\(String(100_000 + index).dropFirst())"),
        .text(sites[index % sites.count]),
        .text(technicians[index % technicians.count]),
        .text(index % 3 == 0 ? "Électricité" : "Maçonnerie"),
        .text("Intervention n° \(index) — contrôle, réglage et remise en service"),
        .number(hours), .number(rate), .number(hours * rate),
        .number(quantity), .number(quantity * unitCost), .number(hours * rate + quantity * unitCost),
    ]
}

/// Generates rows in batches of 500, never holding more.
final class GeneratedRows: RowCursor {
    let count: Int
    private let next = Mutex(0)

    init(count: Int) {
        self.count = count
    }

    func nextBatch() async throws -> [[ReportCell]]? {
        let batch = next.withLock { next -> Range<Int> in
            defer { next = min(count, next + 500) }
            return next..<min(count, next + 500)
        }
        return batch.isEmpty ? nil : batch.map(benchmarkRow)
    }
}

/// Peak resident set size and CPU time used so far: CPU time tells more than wall time on a
/// machine shared with other builds.
func resourceUsage() -> (peakRSSKilobytes: Int, cpuSeconds: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (usage.ru_maxrss, cpu)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let rows = Int(arguments[2]), ["pdf", "xlsx", "csv"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: ReportsBench pdf|xlsx|csv ROWS OUTPUT\n".utf8))
    exit(2)
}
let columns = [
    ReportColumn("Date", format: .date, weight: 1.1), ReportColumn("Référence", weight: 1.3), ReportColumn("Chantier", weight: 1.6),
    ReportColumn("Technicien", weight: 1.4), ReportColumn("Métier", weight: 1.1), ReportColumn("Description", weight: 2.4),
    ReportColumn("Heures", format: .hours, weight: 0.8, totalled: true), ReportColumn("Taux", format: .currency, weight: 0.9),
    ReportColumn("Main-d'œuvre", format: .currency, weight: 1.1, totalled: true), ReportColumn("Qté", format: .decimal(places: 1), weight: 0.7),
    ReportColumn("Matériaux", format: .currency, weight: 1.1, totalled: true), ReportColumn("Total HT", format: .currency, weight: 1.1, totalled: true),
]
let document = ReportDocument(
    title: "Export facturable", tenantName: "Bâtiments Réunis SARL", subtitle: "Benchmark, \(rows) lignes",
    sections: [ReportSection(title: "Lignes", blocks: [.table(ReportTable(columns: columns, rows: .streamed(count: rows, cursor: GeneratedRows(count: rows)), isPrimary: true))])]
)
let landscape = PageGeometry(
    width: 841.89, height: 595.28, margin: 28, headerHeight: 36, footerHeight: 22, titleHeight: 52,
    sectionTitleHeight: 26, lineHeight: 14, rowHeight: 14, chartHeight: 200, blockSpacing: 8
)
/// Renders the document and prints the JSON line.
func benchmark(format: String, output: String) async throws {
    let cpuBefore = resourceUsage().cpuSeconds
    let start = ContinuousClock.now
    let result: RenderedReport = switch format {
    case "pdf": try await PDFRenderer(geometry: landscape).render(document, to: output)
    case "xlsx": try await XLSXWriter().write(document, to: output)
    default: try await CSVWriter().write(document, to: output)
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let usage = resourceUsage()
    print("{\"tool\":\"swift\",\"format\":\"\(format)\",\"rows\":\(result.rows),\"pages\":\(result.pages ?? 0),\"seconds\":\(seconds),"
        + "\"cpu_seconds\":\(usage.cpuSeconds - cpuBefore),\"peak_rss_kb\":\(usage.peakRSSKilobytes)}")
}

// The main thread sleeps here instead of parking in dispatch_main, as a top-level `await` would:
// valgrind 3.19 crashes on dispatch_main, and callgrind is how the instructions per page are counted.
Task.detached {
    do {
        try await benchmark(format: arguments[1], output: arguments[3])
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("ReportsBench: \(error)\n".utf8))
        exit(1)
    }
}
while true { pause() }
