import CPangoCairo

/// Text waiting to be drawn, gathered by font and colour so that a page of table cells reaches
/// cairo in a few `cairo_show_text_glyphs` calls rather than one per cell. cairo's PDF surface
/// records, analyses and replays every call, and its analysis merges each call's extents into a
/// region that grows with the page: per-call costs, not per-glyph ones, dominated a table page.
///
/// The canvas draws what is pending before any fill, stroke or image, so shapes and text keep their
/// order; texts among themselves may reach the page in another order, which cells that do not
/// overlap never show.
struct PendingText {
    private struct Key: Hashable {
        let font: OpaquePointer
        let color: RGB
    }

    private struct Batch {
        let font: ScaledFont
        let color: RGB
        let backward: Bool
        var utf8: [CChar] = []
        var glyphs: [cairo_glyph_t] = []
        var clusters: [cairo_text_cluster_t] = []
    }

    private var batches: [Batch] = []
    /// Left-to-right batches still taking runs. Right-to-left runs each get their own batch: their
    /// clusters run from the last glyph, so two of them cannot be laid end to end.
    private var open: [Key: Int] = [:]

    var isEmpty: Bool { batches.isEmpty }

    /// Queues `run` of a line whose top-left corner is at (`x`, `y`).
    mutating func add(_ run: GlyphRun, x: Double, y: Double, color: RGB) {
        let index: Int
        if run.backward {
            index = batches.count
            batches.append(Batch(font: run.font, color: color, backward: true))
        } else if let existing = open[Key(font: run.font.pointer, color: color)] {
            index = existing
        } else {
            index = batches.count
            batches.append(Batch(font: run.font, color: color, backward: false))
            open[Key(font: run.font.pointer, color: color)] = index
        }
        // Same additions as pango's renderer (line origin, then glyph offset), so positions match it to the bit.
        let baseX = x + run.originX, baseY = y + run.originY
        batches[index].glyphs.append(contentsOf: run.glyphs.lazy.map { cairo_glyph_t(index: $0.index, x: baseX + $0.x, y: baseY + $0.y) })
        batches[index].utf8.append(contentsOf: run.utf8)
        batches[index].clusters.append(contentsOf: run.clusters)
    }

    /// Draws everything pending, in the order the batches were opened, and empties the queue.
    mutating func draw(on cairo: OpaquePointer) {
        for batch in batches where !batch.glyphs.isEmpty {
            cairo_set_source_rgb(cairo, batch.color.red, batch.color.green, batch.color.blue)
            cairo_set_scaled_font(cairo, batch.font.pointer)
            cairo_show_text_glyphs(
                cairo, batch.utf8, Int32(batch.utf8.count), batch.glyphs, Int32(batch.glyphs.count),
                batch.clusters, Int32(batch.clusters.count), batch.backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0)
            )
        }
        batches.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
    }
}
