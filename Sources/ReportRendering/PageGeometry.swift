/// A rectangle on a page, in points, origin at the top-left corner.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxY: Double { y + height }
    public var maxX: Double { x + width }
}

/// The page and the fixed heights the layout works with, in points (1/72 inch).
public struct PageGeometry: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var margin: Double
    /// The running header (tenant, title, logo) at the top of every page.
    public var headerHeight: Double
    /// The footer (page x / n) at the bottom of every page.
    public var footerHeight: Double
    public var titleHeight: Double
    public var sectionTitleHeight: Double
    public var lineHeight: Double
    public var rowHeight: Double
    public var chartHeight: Double
    /// The space left after each block.
    public var blockSpacing: Double

    /// A4 portrait with 10 pt body text.
    public static let a4 = PageGeometry(
        width: 595.28, height: 841.89, margin: 36, headerHeight: 40, footerHeight: 24, titleHeight: 52,
        sectionTitleHeight: 26, lineHeight: 14, rowHeight: 16, chartHeight: 200, blockSpacing: 10
    )

    public init(width: Double, height: Double, margin: Double, headerHeight: Double, footerHeight: Double, titleHeight: Double,
                sectionTitleHeight: Double, lineHeight: Double, rowHeight: Double, chartHeight: Double, blockSpacing: Double) {
        self.width = width
        self.height = height
        self.margin = margin
        self.headerHeight = headerHeight
        self.footerHeight = footerHeight
        self.titleHeight = titleHeight
        self.sectionTitleHeight = sectionTitleHeight
        self.lineHeight = lineHeight
        self.rowHeight = rowHeight
        self.chartHeight = chartHeight
        self.blockSpacing = blockSpacing
    }

    /// Where blocks go: inside the margins, between the running header and the footer.
    public var contentArea: Rect {
        let top = margin + headerHeight
        return Rect(x: margin, y: top, width: width - 2 * margin, height: height - margin - footerHeight - top)
    }
}
