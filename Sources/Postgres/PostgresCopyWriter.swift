/// Streams rows into `COPY … FROM STDIN (FORMAT binary)`; handed to the body of `copyIn`.
///
/// Its methods run on the caller's actor (`nonisolated(nonsending)`), so a body written on the main
/// actor or any other actor can use the writer without sending it across isolation domains.
///
/// Rows are encoded into a buffer that is sent in large chunks. A chunk is sent while the next one
/// is being encoded (at most one send in flight), so encoding and the socket overlap.
public final class PostgresCopyWriter {
    private static let chunkSize = 1 << 20
    private static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]

    private let connection: PostgresConnection
    private let columnCount: Int
    private var buffer = PostgresBinaryBuffer(capacity: PostgresCopyWriter.chunkSize)
    private var pendingSend: Task<Result<Void, PostgresError>, Never>?
    public private(set) var rowCount = 0

    init(connection: PostgresConnection, columnCount: Int) {
        self.connection = connection
        self.columnCount = columnCount
        buffer.writeBytes(Self.signature)
        buffer.writeInteger(Int32(0))  // flags: no OIDs
        buffer.writeInteger(Int32(0))  // header extension length
    }

    /// Appends one row; its values must match the COPY's columns in number and order.
    public nonisolated(nonsending) func append<each Value: PostgresEncodable>(_ value: repeat each Value) async throws(PostgresError) {
        var fieldCount = 0
        for _ in repeat each value { fieldCount += 1 }
        try checkWidth(fieldCount)
        // One exclusive access to the buffer per row rather than one per field.
        Self.writeRow(into: &buffer, fieldCount: fieldCount, repeat each value)
        rowCount += 1
        if buffer.count >= Self.chunkSize { try await sendBuffer() }
    }

    private static func writeRow<each Value: PostgresEncodable>(
        into buffer: inout PostgresBinaryBuffer, fieldCount: Int, _ value: repeat each Value
    ) {
        buffer.writeInteger(Int16(fieldCount))
        repeat buffer.writeField(each value)
    }

    /// Appends one row whose values are only known at run time.
    public nonisolated(nonsending) func append(row: [any PostgresEncodable]) async throws(PostgresError) {
        try checkWidth(row.count)
        buffer.writeInteger(Int16(row.count))
        for value in row { buffer.writeField(value) }
        rowCount += 1
        if buffer.count >= Self.chunkSize { try await sendBuffer() }
    }

    private func checkWidth(_ fieldCount: Int) throws(PostgresError) {
        guard fieldCount == columnCount else {
            throw PostgresError(code: .encoding, message: "a COPY row has \(fieldCount) values for \(columnCount) columns")
        }
    }

    /// Writes the trailer and waits until every chunk has been handed to libpq.
    nonisolated(nonsending) func finish() async throws(PostgresError) {
        buffer.writeInteger(Int16(-1))
        try await sendBuffer()
        try await waitForPendingSend()
    }

    nonisolated(nonsending) func waitForPendingSend() async throws(PostgresError) {
        guard let pendingSend else { return }
        self.pendingSend = nil
        try await pendingSend.value.get()
    }

    nonisolated(nonsending) private func sendBuffer() async throws(PostgresError) {
        try await waitForPendingSend()
        let chunk = buffer.bytes
        buffer = PostgresBinaryBuffer(capacity: Self.chunkSize + Self.chunkSize / 8)
        let connection = connection
        pendingSend = Task {
            do throws(PostgresError) {
                try await connection.putCopyData(chunk)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
    }
}
