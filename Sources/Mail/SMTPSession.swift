import CCurl
import CShims

/// One libcurl easy handle speaking SMTP. It keeps its connection to the relay between mails
/// (`curl_easy_reset` keeps live connections), so a burst of mails does not reconnect each time.
/// Used by one thread at a time.
final class SMTPSession {
    private let handle: UnsafeMutableRawPointer

    /// Fed to curl's read callback through the `void*` user data.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    func send(_ document: [UInt8], from: MailAddress, to recipients: [MailAddress], configuration: SMTPConfiguration) throws(MailError) {
        curl_easy_reset(handle)
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipientList) }
        for recipient in recipients { recipientList = curl_slist_append(recipientList, "<\(recipient.address)>") }

        // libcurl copies every string option, so these temporaries may die after each call.
        fo_curl_set_string(handle, CURLOPT_URL, configuration.url)
        fo_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        fo_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(configuration.timeout.wholeMilliseconds))
        fo_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        let tls: curl_usessl = switch configuration.security {
        case .none: CURLUSESSL_NONE
        case .startTLSIfOffered: CURLUSESSL_TRY
        case .startTLS, .implicitTLS: CURLUSESSL_ALL
        }
        fo_curl_set_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue))
        if let username = configuration.username {
            fo_curl_set_string(handle, CURLOPT_USERNAME, username)
            fo_curl_set_string(handle, CURLOPT_PASSWORD, configuration.password ?? "")
        }
        fo_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from.address)>")
        fo_curl_set_pointer(handle, CURLOPT_MAIL_RCPT, recipientList.map { UnsafeMutableRawPointer($0) })
        fo_curl_set_long(handle, CURLOPT_UPLOAD, 1)
        fo_curl_set_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(document.count))

        let upload = Upload(document)
        let context = Unmanaged.passUnretained(upload).toOpaque()
        fo_curl_set_data_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
            let upload = Unmanaged<Upload>.fromOpaque(context!).takeUnretainedValue()
            let length = min(size * count, upload.bytes.count - upload.offset)
            guard length > 0, let buffer else { return 0 }
            upload.bytes.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + upload.offset, byteCount: length)
            }
            upload.offset += length
            return length
        }
        fo_curl_set_pointer(handle, CURLOPT_READDATA, context)

        let result = withExtendedLifetime(upload) { curl_easy_perform(handle) }
        guard result != CURLE_OK else { return }
        var reply = 0
        fo_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let message = String(cString: curl_easy_strerror(result))
        let replyCode = reply == 0 ? nil : reply
        switch result {
        case CURLE_OPERATION_TIMEDOUT: throw MailError(.timeout, message, replyCode: replyCode)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST: throw MailError(.connectionFailed, message, replyCode: replyCode)
        case CURLE_LOGIN_DENIED: throw MailError(.authenticationFailed, message, replyCode: replyCode)
        case CURLE_USE_SSL_FAILED: throw MailError(.connectionFailed, "the server does not offer STARTTLS: \(message)", replyCode: replyCode)
        case CURLE_SEND_ERROR where replyCode == nil, CURLE_RECV_ERROR where replyCode == nil: throw MailError(.transferFailed, message)
        default:
            if let replyCode, replyCode >= 400 { throw MailError(.rejected, message, replyCode: replyCode) }
            throw MailError(.transferFailed, message, replyCode: replyCode)
        }
    }
}
