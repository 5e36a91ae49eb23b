/// Why a report could not be rendered.
public enum ReportRenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A streamed table delivered another number of rows than it announced.
    case rowCountMismatch(expected: Int, actual: Int)
    /// A row has another number of cells than the table has columns.
    case rowWidthMismatch(expected: Int, actual: Int)
    /// The C library refused an operation (cairo, libxlsxwriter) or a file could not be written.
    case output(String)

    public var description: String {
        switch self {
        case .rowCountMismatch(let expected, let actual): "a table announced \(expected) rows but delivered \(actual)"
        case .rowWidthMismatch(let expected, let actual): "a row has \(actual) cells for \(expected) columns"
        case .output(let reason): "report output failed: \(reason)"
        }
    }
}
