#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore

/// Restarts the local RabbitMQ through the project's own services script (`FIELDOPS_ROOT`, else the
/// package this file belongs to). posix_spawn + waitpid: nothing here needs a run loop.
enum BrokerControl {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func restartRabbitMQ(filePath: String = #filePath) throws {
        let root = Environment.process().string("FIELDOPS_ROOT") ?? packageRoot(of: filePath)
        let arguments = ["/bin/bash", "\(root)/scripts/services.sh", "restart", "rabbitmq"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ)
        guard spawned == 0 else { throw Failed(description: "could not start services.sh (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw Failed(description: "services.sh restart rabbitmq failed (wait status \(status))") }
    }

    /// `<root>/Tests/AMQPTests/BrokerControl.swift` → `<root>`.
    private static func packageRoot(of filePath: String) -> String {
        var components = filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }
}
