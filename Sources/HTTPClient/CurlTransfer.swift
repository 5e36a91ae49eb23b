import CCurl
import CShims
import FieldOpsCore
#if canImport(Glibc)
import Glibc
#endif

/// One blocking libcurl transfer on one easy handle. Lives on a single thread from start to end.
final class CurlTransfer {
    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var received = Received()

    /// Filled by the C callbacks through the `void*` user data (closures passed to C capture nothing).
    final class Received {
        var body: [UInt8] = []
        var headerLines: [String] = []
    }

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(handle)
    }

    func perform(_ request: HTTPClientRequest) throws(HTTPClientError) -> HTTPClientResponse {
        func fail(_ code: HTTPClientError.Code, _ message: String) -> HTTPClientError {
            HTTPClientError(code: code, url: request.url, message: message)
        }
        guard request.method.allSatisfy({ $0.isLetter }), !request.method.isEmpty else {
            throw fail(.invalidRequest, "invalid method \(request.method)")
        }
        for header in request.headers where header.name.contains(where: { $0 == ":" || $0.isNewline }) || header.value.contains(where: \.isNewline) {
            throw fail(.invalidRequest, "invalid header \(header.name)")
        }
        // libcurl copies every string option, so these temporaries may die after each call.
        fo_curl_set_string(handle, CURLOPT_URL, request.url)
        fo_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        fo_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        fo_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(request.timeout.wholeMilliseconds))
        fo_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 5000)
        if request.method == "HEAD" { fo_curl_set_long(handle, CURLOPT_NOBODY, 1) }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        switch request.credentials {
        case .basic(let user, let password):
            fo_curl_set_long(handle, CURLOPT_HTTPAUTH, FO_CURLAUTH_BASIC)
            fo_curl_set_string(handle, CURLOPT_USERNAME, user)
            fo_curl_set_string(handle, CURLOPT_PASSWORD, password)
        case .bearer(let token):
            headerList = curl_slist_append(headerList, "Authorization: Bearer \(token)")
        case nil:
            break
        }
        var upload: FileUpload?
        var sendsBody = true
        switch request.body {
        case .bytes(let bytes) where !bytes.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method):
            // COPYPOSTFIELDS copies the bytes, so the array need not outlive this call.
            fo_curl_set_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            if bytes.isEmpty {
                fo_curl_set_string(handle, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                bytes.withUnsafeBytes { bytes in
                    _ = fo_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress!))
                }
            }
        case .bytes:
            sendsBody = false
        case .file(let path, let offset, let count):
            guard let file = FileUpload(path: path, offset: offset, count: count) else {
                throw fail(.invalidRequest, "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            upload = file
            fo_curl_set_long(handle, CURLOPT_UPLOAD, 1)
            fo_curl_set_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(count))
            fo_curl_set_data_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                Unmanaged<FileUpload>.fromOpaque(context!).takeUnretainedValue().read(into: buffer!, capacity: size * count)
            }
            fo_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(file).toOpaque())
        }
        if sendsBody {
            // Without this libcurl sends "Expect: 100-continue" for large bodies and waits for it.
            headerList = curl_slist_append(headerList, "Expect:")
        }
        fo_curl_set_pointer(handle, CURLOPT_HTTPHEADER, headerList.map { UnsafeMutableRawPointer($0) })

        let context = Unmanaged.passUnretained(received).toOpaque()
        fo_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let length = size * count
            let received = Unmanaged<Received>.fromOpaque(context!).takeUnretainedValue()
            received.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            return length
        }
        fo_curl_set_pointer(handle, CURLOPT_WRITEDATA, context)
        fo_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let length = size * count
            let received = Unmanaged<Received>.fromOpaque(context!).takeUnretainedValue()
            received.headerLines.append(String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self))
            return length
        }
        fo_curl_set_pointer(handle, CURLOPT_HEADERDATA, context)

        let result = withExtendedLifetime(upload) { curl_easy_perform(handle) }
        guard result == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(result))
            switch result {
            case CURLE_OPERATION_TIMEDOUT: throw fail(.timeout, message)
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST: throw fail(.connectionFailed, message)
            default: throw fail(.transferFailed, message)
            }
        }
        var status = 0
        fo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPClientResponse(status: status, headers: Self.parseHeaders(received.headerLines), body: received.body)
    }

    /// Header lines of the final response only: a redirect or `100 Continue` starts a new block.
    static func parseHeaders(_ lines: [String]) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for line in lines {
            if line.hasPrefix("HTTP/") {
                headers.removeAll()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
            headers.append((name, value))
        }
        return headers
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = self[...]
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
