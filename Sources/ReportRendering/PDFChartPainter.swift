/// Draws a bar or line chart as vector paths: value axis with round ticks, categories along the
/// bottom, a legend when there is more than one series.
struct PDFChartPainter {
    let canvas: PDFCanvas

    func draw(_ chart: ReportChart, in frame: Rect) {
        canvas.text(chart.title, style: .bold, in: Rect(x: frame.x, y: frame.y, width: frame.width, height: 16))
        let legendHeight = chart.series.count > 1 ? 14.0 : 0
        let plot = Rect(x: frame.x + 52, y: frame.y + 24, width: frame.width - 60, height: frame.height - 24 - 18 - legendHeight)
        let maximum = chart.series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        let scale = ChartScale(maximum: maximum)
        let y = { (value: Double) in plot.maxY - plot.height * max(0, value) / scale.top }
        for tick in scale.tickValues {
            canvas.line(from: (plot.x, y(tick)), to: (plot.maxX, y(tick)), width: 0.4, .rule)
            canvas.text(CellText.display(.number(tick), format: chart.valueFormat), style: .small,
                        in: Rect(x: frame.x, y: y(tick) - 6, width: 48, height: 12), alignment: .trailing)
        }
        guard !chart.categories.isEmpty else { return }
        let slot = plot.width / Double(chart.categories.count)
        for (index, category) in chart.categories.enumerated() {
            canvas.text(category, style: .small, in: Rect(x: plot.x + Double(index) * slot, y: plot.maxY + 3, width: slot, height: 12), alignment: .center)
        }
        switch chart.kind {
        case .bar: drawBars(chart, plot: plot, slot: slot, y: y)
        case .line: drawLines(chart, plot: plot, slot: slot, y: y)
        }
        canvas.line(from: (plot.x, plot.maxY), to: (plot.maxX, plot.maxY), width: 0.8, .muted)
        if legendHeight > 0 { drawLegend(chart.series, y: frame.maxY - legendHeight, x: plot.x) }
    }

    private func drawBars(_ chart: ReportChart, plot: Rect, slot: Double, y: (Double) -> Double) {
        let groupWidth = slot * 0.7
        let barWidth = groupWidth / Double(max(chart.series.count, 1))
        for (seriesIndex, series) in chart.series.enumerated() {
            for (index, value) in series.values.prefix(chart.categories.count).enumerated() where value.isFinite {
                let x = plot.x + Double(index) * slot + (slot - groupWidth) / 2 + Double(seriesIndex) * barWidth
                let top = y(value)
                canvas.fill(Rect(x: x, y: top, width: barWidth * 0.92, height: plot.maxY - top), Self.color(seriesIndex))
            }
        }
    }

    private func drawLines(_ chart: ReportChart, plot: Rect, slot: Double, y: (Double) -> Double) {
        for (seriesIndex, series) in chart.series.enumerated() {
            let points = series.values.prefix(chart.categories.count).enumerated().filter { $0.element.isFinite }.map { index, value in
                (plot.x + (Double(index) + 0.5) * slot, y(value))
            }
            for (start, end) in zip(points, points.dropFirst()) {
                canvas.line(from: start, to: end, width: 1.6, Self.color(seriesIndex))
            }
            for point in points {
                canvas.fill(Rect(x: point.0 - 2, y: point.1 - 2, width: 4, height: 4), Self.color(seriesIndex))
            }
        }
    }

    private func drawLegend(_ series: [ChartSeries], y: Double, x: Double) {
        var cursor = x
        for (index, entry) in series.enumerated() {
            canvas.fill(Rect(x: cursor, y: y + 3, width: 8, height: 8), Self.color(index))
            canvas.text(entry.name, style: .small, in: Rect(x: cursor + 11, y: y, width: 110, height: 14))
            cursor += 125
        }
    }

    private static func color(_ index: Int) -> RGB { RGB.series[index % RGB.series.count] }
}
