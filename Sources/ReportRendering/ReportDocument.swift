/// A report as values: what it says, independent of the format it is rendered to.
///
/// Tables may stream their rows (`TableRows.streamed`), so a document with a 100,000-row table is
/// small; such a document is rendered once.
public struct ReportDocument: Sendable {
    public var title: String
    public var tenantName: String
    /// The period or object the report is about, shown under the title (`2026-12-01 – 2026-12-07`).
    public var subtitle: String
    /// The tenant's logo, drawn in the page header of PDFs.
    public var logoPNG: [UInt8]?
    public var sections: [ReportSection]

    public init(title: String, tenantName: String, subtitle: String = "", logoPNG: [UInt8]? = nil, sections: [ReportSection]) {
        self.title = title
        self.tenantName = tenantName
        self.subtitle = subtitle
        self.logoPNG = logoPNG
        self.sections = sections
    }

    /// Every table, in document order: layout items and writers refer to tables by this index.
    public var tables: [ReportTable] {
        sections.flatMap { section in
            section.blocks.compactMap { block in
                if case .table(let table) = block { return table }
                return nil
            }
        }
    }

    /// Every chart, in document order.
    public var charts: [ReportChart] {
        sections.flatMap { section in
            section.blocks.compactMap { block in
                if case .chart(let chart) = block { return chart }
                return nil
            }
        }
    }
}

/// A titled part of a report; one worksheet in XLSX.
public struct ReportSection: Sendable {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }
}

public enum ReportBlock: Sendable {
    case paragraph(String)
    case keyValues([KeyValue])
    case table(ReportTable)
    case chart(ReportChart)
}

/// A labelled figure or fact: `Date — 2026-12-04`.
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
