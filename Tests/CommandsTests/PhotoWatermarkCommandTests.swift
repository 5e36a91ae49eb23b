import Commands
import Foundation
import Mesh
import Testing

@Suite("Photo command and event")
struct PhotoWatermarkCommandTests {
    @Test func theCommandCarriesTwoUUIDsUnderSnakeCaseKeys() throws {
        let command = PhotoWatermarkCommand(photoID: "0f8fad5b-d9cb-469f-a165-70867728950e", interventionID: "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        try command.validate()
        let json = String(decoding: try JSONEncoder().encode(command), as: UTF8.self)
        #expect(json.contains(#""photo_id":"0f8fad5b-d9cb-469f-a165-70867728950e""#) && json.contains(#""intervention_id""#))
        #expect(PhotoWatermarkCommand.type == "photo.watermark.v1" && PhotoWatermarkCommand.routingKey == "photo.watermark")
    }

    @Test func anythingButUUIDsIsRefusedFieldByField() {
        let invalid = PhotoWatermarkCommand(photoID: "../../etc/passwd", interventionID: "7c9e6679-7425-40de-944b-e07fc1f90ae")
        #expect(throws: MessageValidationError(["photo_id": "must be a UUID", "intervention_id": "must be a UUID"])) { try invalid.validate() }
    }

    @Test func theEventRoundTrips() throws {
        let event = PhotoProcessedEvent(
            photoID: "p", interventionID: "i", watermarkedSHA256: String(repeating: "a", count: 64), captureTimeMismatch: true, outsideGeofence: nil
        )
        #expect(try JSONDecoder().decode(PhotoProcessedEvent.self, from: JSONEncoder().encode(event)) == event)
        #expect(PhotoProcessedEvent.routingKey == "photo.processed")
    }
}
