import CPangoCairo

/// A line of text as pango laid it out, kept so that drawing it again costs no shaping.
///
/// Usually the line is its glyph runs, read out of the layout exactly as pango's cairo renderer
/// would place them. A line with a glyph no font has keeps its layout instead: pango draws such a
/// glyph as a box holding its code point, and only its renderer knows how.
final class ShapedLine {
    let height: Double
    let runs: [GlyphRun]
    /// Set when pango must draw the line itself.
    let layout: OpaquePointer?

    /// Reads `layout`, which stays the caller's.
    init(reading layout: OpaquePointer) {
        var width: Int32 = 0, height: Int32 = 0
        pango_layout_get_pixel_size(layout, &width, &height)
        self.height = Double(height)
        if let runs = Self.glyphRuns(of: layout) {
            self.runs = runs
            self.layout = nil
        } else {
            self.runs = []
            self.layout = pango_layout_copy(layout)
        }
    }

    deinit {
        if let layout { g_object_unref(UnsafeMutableRawPointer(layout)) }
    }

    /// Pango's `PANGO_GLYPH_EMPTY` (nothing to draw, the advance still counts) and
    /// `PANGO_GLYPH_UNKNOWN_FLAG` (no font has the character): macros with casts do not import.
    private static let emptyGlyph: PangoGlyph = 0x0FFF_FFFF
    private static let unknownGlyphFlag: PangoGlyph = 0x1000_0000
    private static let unitsPerPoint = Double(PANGO_SCALE)

    /// Walks the lines and runs the way `pango_renderer_draw_layout` does: each line starts at its
    /// logical x and baseline, each run after the widths (and letter-spacing offsets) of the runs
    /// before it. Nil when a run needs pango's renderer.
    private static func glyphRuns(of layout: OpaquePointer) -> [GlyphRun]? {
        let text = pango_layout_get_text(layout)!
        let iterator = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iterator) }
        var runs: [GlyphRun] = []
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iterator) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let baseline = pango_layout_iter_get_baseline(iterator)
            var x = logical.x
            var node = line.pointee.runs
            while let link = node {
                let run = link.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self)
                x += run.pointee.start_x_offset
                guard let glyphRun = glyphRun(run, text: text, x: x, baseline: baseline) else { return nil }
                runs.append(glyphRun)
                x += pango_glyph_string_get_width(run.pointee.glyphs) + run.pointee.end_x_offset
                node = link.pointee.next
            }
        } while pango_layout_iter_next_line(iterator) != 0
        return runs
    }

    private static func glyphRun(_ run: UnsafeMutablePointer<PangoGlyphItem>, text: UnsafePointer<CChar>, x: Int32, baseline: Int32) -> GlyphRun? {
        let item = run.pointee.item.pointee
        guard Int32(item.analysis.flags) & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE == 0,
              let pangoFont = item.analysis.font,
              let font = pango_cairo_font_get_scaled_font(OpaquePointer(pangoFont)),
              cairo_scaled_font_status(font) == CAIRO_STATUS_SUCCESS
        else { return nil }
        let shaped = run.pointee.glyphs.pointee
        let infos = UnsafeBufferPointer(start: shaped.glyphs, count: Int(shaped.num_glyphs))
        var glyphs: [cairo_glyph_t] = []
        glyphs.reserveCapacity(infos.count)
        var advance: Int32 = 0
        for info in infos {
            if info.glyph != emptyGlyph {
                guard info.glyph & unknownGlyphFlag == 0 else { return nil }
                glyphs.append(cairo_glyph_t(
                    index: UInt(info.glyph), x: Double(advance + info.geometry.x_offset) / unitsPerPoint,
                    y: Double(info.geometry.y_offset) / unitsPerPoint
                ))
            }
            advance += info.geometry.width
        }
        let backward = item.analysis.level & 1 != 0
        return GlyphRun(
            font: ScaledFont(retaining: font), backward: backward,
            originX: Double(x) / unitsPerPoint, originY: Double(baseline - run.pointee.y_offset) / unitsPerPoint,
            glyphs: glyphs,
            utf8: Array(UnsafeBufferPointer(start: text + Int(item.offset), count: Int(item.length))),
            clusters: clusters(of: run, text: text, infos: infos, backward: backward)
        )
    }

    /// One cluster per grapheme pango kept together, counting only the glyphs that are drawn.
    private static func clusters(of run: UnsafeMutablePointer<PangoGlyphItem>, text: UnsafePointer<CChar>,
                                 infos: UnsafeBufferPointer<PangoGlyphInfo>, backward: Bool) -> [cairo_text_cluster_t] {
        var clusters: [cairo_text_cluster_t] = []
        var cluster = PangoGlyphItemIter()
        guard pango_glyph_item_iter_init_start(&cluster, run, text) != 0 else { return clusters }
        repeat {
            let first = min(cluster.start_glyph, cluster.end_glyph + 1), end = max(cluster.start_glyph + 1, cluster.end_glyph)
            let drawn = (first..<max(first, end)).count { infos[Int($0)].glyph != emptyGlyph }
            clusters.append(cairo_text_cluster_t(num_bytes: cluster.end_index - cluster.start_index, num_glyphs: Int32(drawn)))
        } while pango_glyph_item_iter_next_cluster(&cluster) != 0
        return clusters
    }
}
