import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGINT, delivered through Dispatch rather than a C signal handler so the code that
/// runs afterwards is ordinary Swift. Create it before serving: from then on the signals no
/// longer kill the process.
///
/// `@unchecked Sendable`: the dispatch sources are only kept alive here, never touched after `init`;
/// the stream is Sendable.
public final class TerminationSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let arrivals: AsyncStream<String>

    public init() {
        let (arrivals, continuation) = AsyncStream.makeStream(of: String.self)
        let queue = DispatchQueue(label: "fieldops.signals")
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            return source
        }
        self.arrivals = arrivals
    }

    /// The name of the first signal to arrive.
    public func next() async -> String {
        for await name in arrivals { return name }
        return "end of signal stream"
    }
}
