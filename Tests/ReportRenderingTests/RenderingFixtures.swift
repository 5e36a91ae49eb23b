import Foundation
import ReportRendering
import Synchronization
import TestSupport

/// Characters of one fixed width: layout tests that do not depend on fonts.
struct FixedWidthMeasuring: TextMeasuring {
    var characterWidth = 5.0

    func wrap(_ text: String, style: TextStyle, width: Double) -> [String] {
        let perLine = max(1, Int(width / characterWidth))
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > perLine {
                lines.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

/// Rows handed out in batches, as a database cursor would.
final class BatchCursor: RowCursor {
    private let batches: LockedBatches

    init(rows: [[ReportCell]], batchSize: Int) {
        batches = LockedBatches(stride(from: 0, to: rows.count, by: batchSize).map { Array(rows[$0..<min(rows.count, $0 + batchSize)]) })
    }

    func nextBatch() async throws -> [[ReportCell]]? { batches.next() }
}

final class LockedBatches: Sendable {
    private let state: Mutex<[[[ReportCell]]]>

    init(_ batches: [[[ReportCell]]]) { state = Mutex(batches) }

    func next() -> [[ReportCell]]? {
        state.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}

enum Fixtures {
    static let names = ["Élodie Marchand-Lefèvre", "Jérôme Dupré", "François Nguyễn", "Zoë Ångström-Œuvray", "Hélène d'Arçais"]

    static let columns = [
        ReportColumn("Technicien", weight: 3),
        ReportColumn("Date", format: .date, weight: 1.5),
        ReportColumn("Heures", format: .hours, totalled: true),
        ReportColumn("Montant", format: .currency, weight: 1.5, totalled: true),
    ]

    static func row(_ index: Int) -> [ReportCell] {
        [
            .text("\(names[index % names.count]) #\(index)"),
            .date(CivilDate(year: 2026, month: 12, day: 1 + index % 28)),
            .number(Double(index % 9) + 0.5),
            .number(Double(index) * 1.25),
        ]
    }

    static func document(rows count: Int, streamed: Bool = false) -> ReportDocument {
        let rows = (0..<count).map(row)
        let tableRows: TableRows = streamed ? .streamed(count: count, cursor: BatchCursor(rows: rows, batchSize: 97)) : .inline(rows)
        return ReportDocument(
            title: "Relevé d'heures", tenantName: "Bâtiments Réunis SARL", subtitle: "01/12/2026 – 31/12/2026",
            sections: [
                ReportSection(title: "Synthèse", blocks: [
                    .keyValues([KeyValue("Période", "décembre 2026"), KeyValue("Techniciens", "5")]),
                    .paragraph("Heures pointées sur les chantiers actifs, pauses déduites, heures supplémentaires au-delà de sept heures par jour."),
                    .chart(ReportChart(title: "Heures par semaine", kind: .bar, categories: ["S49", "S50", "S51", "S52"],
                                       series: [ChartSeries(name: "Heures", values: [120, 142.5, 98, 60])], valueFormat: .hours)),
                ]),
                ReportSection(title: "Détail", blocks: [.table(ReportTable(columns: columns, rows: tableRows, isPrimary: true))]),
            ]
        )
    }

    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(TestServices.uniqueName("report") + suffix).path
    }
}
