/// The text styles a laid-out page uses.
public enum TextStyle: Sendable, Equatable {
    case title, subtitle, sectionTitle, body, bold, small
}

/// Breaks text into lines that fit a width. The layout engine asks, the PDF renderer answers with
/// pango's real shaping; tests answer with fixed-width characters.
public protocol TextMeasuring {
    func wrap(_ text: String, style: TextStyle, width: Double) -> [String]
}
