import CPangoCairo

/// A counted reference to a cairo scaled font: queued glyphs keep their font alive after the line
/// they came from has left the typesetter's cache.
final class ScaledFont {
    let pointer: OpaquePointer

    init(retaining pointer: OpaquePointer) {
        self.pointer = cairo_scaled_font_reference(pointer)
    }

    deinit {
        cairo_scaled_font_destroy(pointer)
    }
}
