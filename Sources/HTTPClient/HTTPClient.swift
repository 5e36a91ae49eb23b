import CCurl
import CShims
import FieldOpsCore

/// An HTTP/1.1 client over libcurl for the platform's outgoing calls (broker management API,
/// webhooks, object storage). Each request runs one blocking transfer on a thread of its own, so
/// neither Swift's cooperative pool nor Dispatch's shared pool is ever blocked by a slow server.
public final class HTTPClient: Sendable {
    private static let globalInit: Void = { curl_global_init(FO_CURL_GLOBAL_DEFAULT) }()

    public init() {
        _ = Self.globalInit
    }

    public func execute(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        let result: Result<HTTPClientResponse, HTTPClientError> = await withCheckedContinuation { continuation in
            do throws(ThreadStartError) {
                try DedicatedThread.start(purpose: "an HTTP transfer") {
                    continuation.resume(returning: Result { () throws(HTTPClientError) in
                        guard let transfer = CurlTransfer() else {
                            throw HTTPClientError(code: .transferFailed, url: request.url, message: "curl_easy_init failed")
                        }
                        return try transfer.perform(request)
                    })
                }
            } catch {
                continuation.resume(returning: .failure(HTTPClientError(code: .transferFailed, url: request.url, message: error.description)))
            }
        }
        return try result.get()
    }
}
