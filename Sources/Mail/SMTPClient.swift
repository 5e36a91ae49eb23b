#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CCurl
import CShims
import FieldOpsCore
import Synchronization

/// Sends mail through an SMTP relay with libcurl. Each send runs its blocking transfer on a thread
/// of its own; sessions (and their open connections) are reused across sends.
public final class SMTPClient: Sendable {
    private static let globalInit: Void = { curl_global_init(FO_CURL_GLOBAL_DEFAULT) }()

    public let configuration: SMTPConfiguration
    /// Idle sessions. A session is owned by one transfer at a time, so moving it between threads
    /// through this lock is safe although the curl handle itself is not `Sendable`.
    private let idle = Mutex<[SessionBox]>([])

    public init(configuration: SMTPConfiguration) {
        _ = Self.globalInit
        self.configuration = configuration
    }

    /// Renders and sends `message`; returns the Message-ID it carried.
    @discardableResult
    public func send(_ message: MailMessage, now: Date = Date()) async throws(MailError) -> String {
        let seed = UUID.random().uuidString.lowercased()
        let messageID = "\(seed)@\(configuration.from.address.split(separator: "@").last ?? "fieldops360")"
        let document = try MIMEDocument.render(message, date: now, messageID: messageID, boundarySeed: seed)
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            do throws(ThreadStartError) {
                try DedicatedThread.start(purpose: "an SMTP transfer") { [self] in
                    continuation.resume(returning: Result { () throws(MailError) in
                        guard let box = idle.withLock({ $0.popLast() }) ?? SMTPSession().map(SessionBox.init) else {
                            throw MailError(.transferFailed, "curl_easy_init failed")
                        }
                        // A session that failed may hold a broken connection: it is dropped, not returned.
                        try box.session.send(document, from: message.from, to: message.to, configuration: configuration)
                        idle.withLock { sessions in
                            if sessions.count < configuration.maxIdleConnections { sessions.append(box) }
                        }
                    })
                }
            } catch {
                continuation.resume(returning: .failure(MailError(.transferFailed, error.description)))
            }
        }
        try result.get()
        return messageID
    }
}

/// Carries a session between threads; see `SMTPClient.idle`.
private final class SessionBox: @unchecked Sendable {
    let session: SMTPSession
    init(_ session: SMTPSession) { self.session = session }
}
