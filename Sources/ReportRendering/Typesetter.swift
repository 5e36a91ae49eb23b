import CPangoCairo

/// Text shaping with pango: breaks paragraphs into lines for the layout engine and shapes the
/// single lines the PDF canvas draws, with the same fonts, so what was measured is what gets drawn.
///
/// Fonts are sized in points on a font map at 72 dpi, the PDF's own unit. Pango objects are not
/// thread-safe: a typesetter belongs to the one render that made it.
public final class Typesetter: TextMeasuring {
    /// Horizontal placement of a line in its box.
    public enum Alignment: Sendable, Hashable {
        case leading, trailing, center
    }

    private let fontMap: UnsafeMutablePointer<PangoFontMap>
    private let context: OpaquePointer
    private let measuringLayout: OpaquePointer
    /// Shapes the lines to draw; what is kept of each is its glyphs (`ShapedLine`), not the layout.
    private let shapingLayout: OpaquePointer
    private let fonts: [TextStyle: OpaquePointer]
    /// Lines already shaped, by text, style, width and alignment. Report cells repeat a lot (names,
    /// sites, rates, headers on every page): drawing a shaped line again skips shaping, the bulk of
    /// the cost of text.
    private var shaped = TwoGenerationCache<LineKey, ShapedLine>(generationLimit: 4096)

    private struct LineKey: Hashable {
        let text: String
        let style: TextStyle
        let width: Int32
        let alignment: Alignment
    }

    public init(family: String = "DejaVu Sans") {
        fontMap = pango_cairo_font_map_new()!
        pango_cairo_font_map_set_resolution(OpaquePointer(fontMap), 72)
        context = pango_font_map_create_context(fontMap)!
        // A PDF is vector output: glyph positions keep their fractions of a point instead of being
        // rounded to whole points, which dropped small kerning values (and costs a fifth of shaping).
        pango_context_set_round_glyph_positions(context, 0)
        measuringLayout = pango_layout_new(context)!
        shapingLayout = pango_layout_new(context)!
        pango_layout_set_ellipsize(shapingLayout, PANGO_ELLIPSIZE_END)
        let sizes: [TextStyle: String] = [
            .title: "Bold 18", .subtitle: "11", .sectionTitle: "Bold 13", .body: "9", .bold: "Bold 9", .small: "7.5",
        ]
        fonts = sizes.mapValues { pango_font_description_from_string("\(family) \($0)") }
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(measuringLayout))
        g_object_unref(UnsafeMutableRawPointer(shapingLayout))
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    public func wrap(_ text: String, style: TextStyle, width: Double) -> [String] {
        let layout = measuringLayout
        pango_layout_set_font_description(layout, fonts[style])
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        let bytes = Array(text.utf8)
        pango_layout_set_text(layout, text, Int32(bytes.count))
        return (0..<pango_layout_get_line_count(layout)).compactMap { index in
            guard let line = pango_layout_get_line_readonly(layout, index)?.pointee else { return nil }
            let start = Int(line.start_index), end = min(bytes.count, start + Int(line.length))
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }

    /// Follows `cairo`'s transformation and font options; call once per cairo context.
    func attach(to cairo: OpaquePointer) {
        pango_cairo_update_context(cairo, context)
    }

    /// `text` shaped on one line `width` points wide, ellipsised when it is too wide.
    func line(_ text: String, style: TextStyle, width: Double, alignment: Alignment) -> ShapedLine {
        let key = LineKey(text: text, style: style, width: Int32(width * Double(PANGO_SCALE)), alignment: alignment)
        return shaped.value(for: key) { shape(key) }
    }

    private func shape(_ key: LineKey) -> ShapedLine {
        let layout = shapingLayout
        pango_layout_set_font_description(layout, fonts[key.style])
        pango_layout_set_width(layout, key.width)
        let alignment = switch key.alignment {
        case .leading: PANGO_ALIGN_LEFT
        case .trailing: PANGO_ALIGN_RIGHT
        case .center: PANGO_ALIGN_CENTER
        }
        pango_layout_set_alignment(layout, alignment)
        pango_layout_set_text(layout, key.text, -1)
        return ShapedLine(reading: layout)
    }
}
