/// An error that knows whether trying again could succeed, for errors of libraries that know
/// nothing of messaging: a message consumer parks a message whose failure says retrying cannot help
/// instead of retrying it for hours.
public protocol RetryAdvice: Error {
    /// True when the same attempt would fail the same way however long one waited (a tenant that no
    /// longer exists); false for conditions that pass (a suspended tenant, a server away).
    var retryCannotHelp: Bool { get }
}
