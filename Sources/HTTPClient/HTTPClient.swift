import CCurl
import CShims
import Dispatch

/// An HTTP/1.1 client over libcurl for the platform's outgoing calls (broker management API,
/// webhooks, object storage). Each request runs one blocking transfer on a dispatch thread, so
/// Swift's cooperative pool is never blocked.
public final class HTTPClient: Sendable {
    private static let globalInit: Void = { curl_global_init(FO_CURL_GLOBAL_DEFAULT) }()

    public init() {
        _ = Self.globalInit
    }

    public func execute(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        let result: Result<HTTPClientResponse, HTTPClientError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                guard let transfer = CurlTransfer() else {
                    continuation.resume(returning: .failure(HTTPClientError(code: .transferFailed, url: request.url, message: "curl_easy_init failed")))
                    return
                }
                do throws(HTTPClientError) {
                    continuation.resume(returning: .success(try transfer.perform(request)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
