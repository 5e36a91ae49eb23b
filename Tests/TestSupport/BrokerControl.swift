#if canImport(Glibc)
import Glibc
#endif
import FieldOpsCore

/// Restarts the local RabbitMQ through the project's own services script (`FIELDOPS_ROOT`, else this
/// repository). posix_spawn + waitpid: nothing here needs a run loop.
public enum BrokerControl {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public static func restartRabbitMQ() throws {
        let root = Environment.process().string("FIELDOPS_ROOT") ?? TestServices.repositoryRoot.path
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
}
