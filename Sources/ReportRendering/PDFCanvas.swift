import CPangoCairo

/// A cairo PDF surface and its drawing context: one per rendered file, used by one task.
///
/// Text is queued (`PendingText`) and reaches cairo in a few calls per page; every other drawing
/// operation first draws the queued text, so the page keeps the order it was drawn in.
final class PDFCanvas {
    let cairo: OpaquePointer
    private let surface: OpaquePointer
    let typesetter: Typesetter
    private var pendingText = PendingText()
    /// cairo's source colour as the drawing code sees it: queued text is drawn in the colour that
    /// was current when it was queued, as if it had been drawn at once. cairo starts with black.
    private var currentColor = RGB(red: 0, green: 0, blue: 0)

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

    /// One line of text in `frame`, vertically centred, ellipsised when it is too wide.
    func text(_ text: String, style: TextStyle, in frame: Rect, alignment: Typesetter.Alignment = .leading) {
        guard !text.isEmpty else { return }
        let line = typesetter.line(text, style: style, width: frame.width, alignment: alignment)
        let top = frame.y + (frame.height - line.height) / 2
        if let layout = line.layout {
            drawPendingText()
            cairo_set_source_rgb(cairo, currentColor.red, currentColor.green, currentColor.blue)
            cairo_move_to(cairo, frame.x, top)
            pango_cairo_show_layout(cairo, layout)
        } else {
            for run in line.runs { pendingText.add(run, x: frame.x, y: top, color: currentColor) }
        }
    }

    /// The colour text is drawn in from now on; fills and lines change it too, as they change cairo's source.
    func color(_ color: RGB) {
        currentColor = color
    }

    func fill(_ frame: Rect, _ color: RGB) {
        fill(CollectionOfOne(frame), color)
    }

    /// Fills every rectangle of `frames` as one shape: one operation in the PDF, not one each.
    func fill(_ frames: some Collection<Rect>, _ color: RGB) {
        guard !frames.isEmpty else { return }
        drawPendingText()
        source(color)
        for frame in frames { cairo_rectangle(cairo, frame.x, frame.y, frame.width, frame.height) }
        cairo_fill(cairo)
    }

    func line(from start: (Double, Double), to end: (Double, Double), width: Double, _ color: RGB) {
        drawPendingText()
        source(color)
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
        drawPendingText()
        cairo_save(cairo)
        cairo_translate(cairo, frame.maxX - width * scale, frame.y + (frame.height - height * scale) / 2)
        cairo_scale(cairo, scale, scale)
        cairo_set_source_surface(cairo, image, 0, 0)
        cairo_paint(cairo)
        cairo_restore(cairo)
    }

    func showPage() {
        drawPendingText()
        cairo_show_page(cairo)
    }

    /// Writes the rest of the file; reports a failure cairo kept to itself until now.
    func finish() throws(ReportRenderingError) {
        drawPendingText()
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .output("PDF: \(String(cString: cairo_status_to_string(status)))") }
    }

    private func drawPendingText() {
        if !pendingText.isEmpty { pendingText.draw(on: cairo) }
    }

    private func source(_ color: RGB) {
        currentColor = color
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }
}

/// A colour, components 0…1.
struct RGB: Hashable {
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
