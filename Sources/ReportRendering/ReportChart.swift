/// A bar or line chart: categories along the x axis, one value per category in each series.
public struct ReportChart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case bar, line
    }

    public var title: String
    public var kind: Kind
    public var categories: [String]
    public var series: [ChartSeries]
    /// How the values read (hours, euros, counts), for the axis and the XLSX data.
    public var valueFormat: CellFormat

    public init(title: String, kind: Kind, categories: [String], series: [ChartSeries], valueFormat: CellFormat = .decimal(places: 1)) {
        self.title = title
        self.kind = kind
        self.categories = categories
        self.series = series
        self.valueFormat = valueFormat
    }

    /// The chart's data as a table (categories down, series across), for XLSX and CSV.
    public var dataTable: ReportTable {
        let columns = [ReportColumn("", format: .text, weight: 2)] + series.map { ReportColumn($0.name, format: valueFormat) }
        let rows = categories.indices.map { index in
            [ReportCell.text(categories[index])] + series.map { series in
                index < series.values.count ? ReportCell.number(series.values[index]) : .empty
            }
        }
        return ReportTable(columns: columns, rows: .inline(rows))
    }
}

public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
