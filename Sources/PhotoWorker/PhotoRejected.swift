import Mesh

/// A photo that can never be processed (not an image, a pixel bomb, a damaged file, its original
/// gone): the message is parked with this reason and the photo row marked failed.
public struct PhotoRejected: PermanentFailure, CustomStringConvertible {
    public let reason: String

    public var description: String { reason }
}
