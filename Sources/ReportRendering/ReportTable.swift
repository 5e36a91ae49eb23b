/// A table: typed columns and rows of cells, optionally with a totals row.
public struct ReportTable: Sendable {
    public var columns: [ReportColumn]
    public var rows: TableRows
    /// The CSV export of a document is its first primary table (or its first table).
    public var isPrimary: Bool

    public init(columns: [ReportColumn], rows: TableRows, isPrimary: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.isPrimary = isPrimary
    }

    public var rowCount: Int { rows.count }
    /// True when at least one column is totalled: the table then ends with a totals row.
    public var hasTotals: Bool { columns.contains { $0.totalled } }
}

/// One column: its title, how its cells are shown, its share of the width and whether it is summed.
public struct ReportColumn: Sendable, Equatable {
    public var title: String
    public var format: CellFormat
    /// Relative width: a column of weight 2 is twice as wide as one of weight 1.
    public var weight: Double
    /// Summed in the totals row (a formula in XLSX).
    public var totalled: Bool

    public init(_ title: String, format: CellFormat = .text, weight: Double = 1, totalled: Bool = false) {
        self.title = title
        self.format = format
        self.weight = weight
        self.totalled = totalled
    }
}

/// How a column's cells are shown; numbers are right-aligned.
public enum CellFormat: Sendable, Equatable {
    case text
    case integer
    case decimal(places: Int)
    /// Euros, two decimals.
    case currency
    /// Hours as a decimal number, two decimals.
    case hours
    /// A ratio shown as a percentage (0.25 → 25 %).
    case percent
    case date
    case dateTime

    public var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .currency, .hours, .percent: true
        case .text, .date, .dateTime: false
        }
    }

    var fractionDigits: Int {
        switch self {
        case .integer, .text, .date, .dateTime: 0
        case .decimal(let places): places
        case .currency, .hours: 2
        case .percent: 1
        }
    }
}

/// A typed cell value. Dates and times are wall-clock values (already in the site's time zone).
public enum ReportCell: Sendable, Hashable {
    case text(String)
    case number(Double)
    case date(CivilDate)
    case dateTime(CivilDateTime)
    case empty

    public var numericValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
