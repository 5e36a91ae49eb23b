import CMicroHTTPD

/// MHD's handle for one client connection.
///
/// `@unchecked Sendable`: the handle is only dereferenced by MHD itself. Swift code uses it from
/// other threads solely for `MHD_resume_connection`, which MHD documents as thread-safe, and only
/// while the connection is suspended — the exchange/stream state machines guarantee a single
/// resume per suspend and none after the request completed.
struct MHDConnection: @unchecked Sendable {
    let pointer: OpaquePointer

    func suspend() { MHD_suspend_connection(pointer) }
    func resume() { MHD_resume_connection(pointer) }
}
