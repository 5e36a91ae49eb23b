/// A row as the API shows it (JSON), with the version its ETag carries.
public struct VersionedRecord: Sendable {
    public let json: [UInt8]
    public let version: Int

    public init(json: [UInt8], version: Int) {
        self.json = json
        self.version = version
    }
}
