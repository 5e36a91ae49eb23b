extension Array where Element == UInt8 {
    /// `withUnsafeBytes` keeping the body's typed error (the standard one rethrows untyped).
    func withBorrowedBytes<Value>(_ body: (UnsafeRawBufferPointer) throws(PhotoError) -> Value) throws(PhotoError) -> Value {
        let result: Result<Value, PhotoError> = withUnsafeBytes { buffer in
            Result { () throws(PhotoError) in try body(buffer) }
        }
        return try result.get()
    }
}
