/// Which parked messages `ParkingLot.replay` sends back.
public enum ReplaySelection: Sendable, Hashable {
    /// Every parked message in the window read.
    case all
    /// The message(s) with this message id (a message parked twice has two copies).
    case messageID(String)

    func includes(_ message: ParkedMessage) -> Bool {
        switch self {
        case .all: true
        case .messageID(let id): message.messageID == id
        }
    }
}
