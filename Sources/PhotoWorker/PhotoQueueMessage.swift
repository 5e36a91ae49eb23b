import Commands
import FieldOpsCore
import Mesh

/// Everything the `fieldops.photo` queue receives: photos to watermark and signature images to
/// stamp, told apart by their AMQP `type`.
public enum PhotoQueueMessage: MeshMessage, Equatable {
    case watermark(PhotoWatermarkCommand)
    case stampSignature(SignatureStampCommand)

    /// Names the gathered kind in logs; never travels (each case travels with its own type).
    public static let type = "photo.inbound"

    public static func decode(body: [UInt8], type: String?, decoder: JSONTapeDecoder) throws -> PhotoQueueMessage {
        switch type {
        case PhotoWatermarkCommand.type: .watermark(try decoder.decode(PhotoWatermarkCommand.self, from: body))
        case SignatureStampCommand.type: .stampSignature(try decoder.decode(SignatureStampCommand.self, from: body))
        default:
            throw MessageValidationError(["type": "is \(type ?? "missing"); the photo worker takes \(PhotoWatermarkCommand.type), \(SignatureStampCommand.type)"])
        }
    }

    public func validate() throws(MessageValidationError) {
        switch self {
        case .watermark(let command): try command.validate()
        case .stampSignature(let command): try command.validate()
        }
    }

    /// A body alone does not say which message it is: decode through `decode(body:type:decoder:)`.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "photo queue messages are decoded by their AMQP type"))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .watermark(let command): try command.encode(to: encoder)
        case .stampSignature(let command): try command.encode(to: encoder)
        }
    }
}
