/// Where an asynchronous job stands. Only forward moves are allowed: queued → running → succeeded |
/// failed, and running → queued again when a retry is scheduled.
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    case queued
    case running
    case succeeded
    case failed

    public var isFinal: Bool { self == .succeeded || self == .failed }
}
