/// How cells read as text: for people (PDF: French number style, `1 234,50 €`) and for machines
/// (CSV: `1234.50`, ISO dates).
public enum CellText {
    /// The text a reader sees in a PDF.
    public static func display(_ cell: ReportCell, format: CellFormat) -> String {
        switch cell {
        case .text(let text): return text
        case .empty: return ""
        case .date(let date): return date.display
        case .dateTime(let time): return time.display
        case .number(let value):
            switch format {
            case .currency: return grouped(value, fractionDigits: 2) + " €"
            case .hours: return grouped(value, fractionDigits: 2) + " h"
            case .percent: return grouped(value * 100, fractionDigits: 1) + " %"
            default: return grouped(value, fractionDigits: format.fractionDigits)
            }
        }
    }

    /// The text written to CSV: plain decimals with a dot, ISO dates, ratios as ratios.
    public static func machine(_ cell: ReportCell, format: CellFormat) -> String {
        switch cell {
        case .text(let text): return text
        case .empty: return ""
        case .date(let date): return date.iso
        case .dateTime(let time): return time.iso
        case .number(let value): return fixed(value, fractionDigits: format == .percent ? 4 : format.fractionDigits)
        }
    }

    /// `value` rounded half away from zero to `fractionDigits`, as `-1234.50`.
    static func fixed(_ value: Double, fractionDigits: Int) -> String {
        let (negative, integer, fraction) = parts(value, fractionDigits: fractionDigits)
        return (negative ? "-" : "") + integer + (fractionDigits > 0 ? "." + fraction : "")
    }

    /// French grouping: a narrow no-break space between thousands, a comma before decimals.
    static func grouped(_ value: Double, fractionDigits: Int) -> String {
        let (negative, integer, fraction) = parts(value, fractionDigits: fractionDigits)
        var groupedInteger = ""
        for (offset, character) in integer.enumerated() {
            if offset > 0, (integer.count - offset) % 3 == 0 { groupedInteger.append("\u{202F}") }
            groupedInteger.append(character)
        }
        return (negative ? "-" : "") + groupedInteger + (fractionDigits > 0 ? "," + fraction : "")
    }

    private static func parts(_ value: Double, fractionDigits: Int) -> (negative: Bool, integer: String, fraction: String) {
        guard value.isFinite else { return (false, "–", "") }
        var scale: Double = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return (value < 0, String(Int64(abs(value))), String(repeating: "0", count: fractionDigits)) }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let fraction = String(units % divisor)
        let paddedFraction = fractionDigits > 0 ? String(repeating: "0", count: fractionDigits - fraction.count) + fraction : ""
        return (value < 0 && units != 0, String(units / divisor), paddedFraction)
    }
}
