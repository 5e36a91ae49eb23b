import CPangoCairo

/// A cairo PDF surface and its drawing context: one per rendered file, used by one task.
final class PDFCanvas {
    let cairo: OpaquePointer
    private let surface: OpaquePointer
    let typesetter: Typesetter

    init(path: String, geometry: PageGeometry, title: String, typesetter: Typesetter) throws(ReportRenderingError) {
        surface = cairo_pdf_surface_create(path, geometry.width, geometry.height)
        cairo = cairo_create(surface)
        self.typesetter = typesetter
        if cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS {
            let reason = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
            cairo_destroy(cairo)
            cairo_surface_destroy(surface)
            throw .output("cannot create the PDF \(path): \(reason)")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "FieldOps360")
        typesetter.attach(to: cairo)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    func text(_ text: String, style: TextStyle, in frame: Rect, alignment: Typesetter.Alignment = .leading) {
        typesetter.draw(text, style: style, in: frame, alignment: alignment, on: cairo)
    }

    func color(_ color: RGB) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }

    func fill(_ frame: Rect, _ color: RGB) {
        self.color(color)
        cairo_rectangle(cairo, frame.x, frame.y, frame.width, frame.height)
        cairo_fill(cairo)
    }

    func line(from start: (Double, Double), to end: (Double, Double), width: Double, _ color: RGB) {
        self.color(color)
        cairo_set_line_width(cairo, width)
        cairo_move_to(cairo, start.0, start.1)
        cairo_line_to(cairo, end.0, end.1)
        cairo_stroke(cairo)
    }

    /// Draws a PNG scaled to fit `frame`, keeping its proportions, aligned right. A PNG that does
    /// not decode is left out: a broken logo must not fail the report.
    func image(png: [UInt8], fitting frame: Rect) {
        var reader = PNGBytesReader(bytes: png)
        let image = withUnsafeMutablePointer(to: &reader) { pointer in
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                let reader = closure!.assumingMemoryBound(to: PNGBytesReader.self)
                return reader.pointee.read(into: data!, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, pointer)
        }
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS else { return }
        let width = Double(cairo_image_surface_get_width(image)), height = Double(cairo_image_surface_get_height(image))
        guard width > 0, height > 0 else { return }
        let scale = min(frame.width / width, frame.height / height)
        cairo_save(cairo)
        cairo_translate(cairo, frame.maxX - width * scale, frame.y + (frame.height - height * scale) / 2)
        cairo_scale(cairo, scale, scale)
        cairo_set_source_surface(cairo, image, 0, 0)
        cairo_paint(cairo)
        cairo_restore(cairo)
    }

    func showPage() {
        cairo_show_page(cairo)
    }

    /// Writes the rest of the file; reports a failure cairo kept to itself until now.
    func finish() throws(ReportRenderingError) {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .output("PDF: \(String(cString: cairo_status_to_string(status)))") }
    }
}

/// A colour, components 0…1.
struct RGB {
    var red: Double
    var green: Double
    var blue: Double

    static let text = RGB(red: 0.13, green: 0.13, blue: 0.15)
    static let muted = RGB(red: 0.42, green: 0.44, blue: 0.48)
    static let rule = RGB(red: 0.78, green: 0.80, blue: 0.83)
    static let headerFill = RGB(red: 0.90, green: 0.92, blue: 0.95)
    static let stripe = RGB(red: 0.97, green: 0.97, blue: 0.98)
    static let accent = RGB(red: 0.11, green: 0.35, blue: 0.62)
    /// Series colours, distinguishable in print.
    static let series = [
        RGB(red: 0.11, green: 0.35, blue: 0.62), RGB(red: 0.93, green: 0.49, blue: 0.13), RGB(red: 0.20, green: 0.60, blue: 0.33),
        RGB(red: 0.75, green: 0.19, blue: 0.24), RGB(red: 0.50, green: 0.36, blue: 0.68),
    ]
}

/// Feeds a PNG held in memory to cairo's stream reader.
private struct PNGBytesReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard offset + count <= bytes.count else { return false }
        bytes.withUnsafeBufferPointer { source in
            destination.update(from: source.baseAddress! + offset, count: count)
        }
        offset += count
        return true
    }
}
