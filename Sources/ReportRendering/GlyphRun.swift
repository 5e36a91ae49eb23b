import CPangoCairo

/// Glyphs pango shaped in one font, positioned from the top-left corner of their line, with the
/// text and the clusters that tie glyphs to characters. Drawn with `cairo_show_text_glyphs`, as
/// pango's own cairo renderer does, so the PDF's text reads the same: accents, ligatures, and an
/// ellipsis that stands for the words it hides.
struct GlyphRun {
    let font: ScaledFont
    /// Right to left: the clusters walk the text forwards and the glyphs from the last one.
    let backward: Bool
    /// Where the run's baseline starts, in points from the line's top-left corner.
    let originX: Double
    let originY: Double
    /// Glyph positions are offsets from the origin.
    let glyphs: [cairo_glyph_t]
    let utf8: [CChar]
    let clusters: [cairo_text_cluster_t]
}
