/// Writes commands in RESP (arrays of bulk strings) into one reusable byte buffer, so a pipeline of
/// commands is handed to hiredis in a single `redisAppendFormattedCommand` call with no per-command
/// allocation.
struct RESPEncoder {
    private(set) var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(4096)
    }

    mutating func reset() {
        // A one-off huge command (a 1 MiB value) should not pin its buffer for the connection's life.
        if buffer.capacity > 1 << 20 {
            buffer = []
            buffer.reserveCapacity(4096)
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func append(command: [RedisArgument]) {
        appendHeader(UInt8(ascii: "*"), command.count)
        for argument in command {
            switch argument.storage {
            case .string(let string):
                appendHeader(UInt8(ascii: "$"), string.utf8.count)
                buffer.append(contentsOf: string.utf8)
            case .bytes(let bytes):
                appendHeader(UInt8(ascii: "$"), bytes.count)
                buffer.append(contentsOf: bytes)
            }
            appendCRLF()
        }
    }

    private mutating func appendHeader(_ marker: UInt8, _ count: Int) {
        buffer.append(marker)
        appendDecimal(count)
        appendCRLF()
    }

    private mutating func appendDecimal(_ value: Int) {
        if value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private mutating func appendCRLF() {
        buffer.append(13)
        buffer.append(10)
    }
}
