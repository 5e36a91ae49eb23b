import CRabbitMQ

/// Owned C copies of everything one call hands to rabbitmq-c (names, property strings, field tables),
/// in an `amqp_pool_t` that is recycled after the call: no Swift string's storage is ever kept by C
/// past the call that lent it, and steady-state publishing allocates nothing here.
/// Used only on the owner thread.
final class ScratchPool {
    private let pool: UnsafeMutablePointer<amqp_pool_t>

    init() {
        pool = .allocate(capacity: 1)
        init_amqp_pool(pool, 16 * 1024)
    }

    deinit {
        empty_amqp_pool(pool)
        pool.deallocate()
    }

    /// Frees everything handed out since the last recycle (keeps the pages for reuse).
    func recycle() { recycle_amqp_pool(pool) }

    func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer? {
        byteCount == 0 ? nil : amqp_pool_alloc(pool, byteCount)
    }

    func bytes(_ buffer: UnsafeRawBufferPointer) -> amqp_bytes_t {
        guard let source = buffer.baseAddress, let copy = allocate(buffer.count) else { return amqp_empty_bytes }
        copy.copyMemory(from: source, byteCount: buffer.count)
        return amqp_bytes_t(len: buffer.count, bytes: copy)
    }

    func bytes(_ string: String) -> amqp_bytes_t {
        var string = string
        return string.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    func bytes(_ array: [UInt8]) -> amqp_bytes_t {
        array.withUnsafeBytes { bytes($0) }
    }

    func table(_ table: AMQPFieldTable) -> amqp_table_t {
        guard !table.isEmpty,
              let raw = allocate(table.count * MemoryLayout<amqp_table_entry_t>.stride)
        else { return amqp_empty_table }
        let entries = raw.bindMemory(to: amqp_table_entry_t.self, capacity: table.count)
        for (index, (key, value)) in table.enumerated() {
            (entries + index).initialize(to: amqp_table_entry_t(key: bytes(key), value: fieldValue(value)))
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    func fieldValue(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        func kind(_ kind: amqp_field_value_kind_t) { field.kind = UInt8(truncatingIfNeeded: kind.rawValue) }
        switch value {
        case .bool(let flag): kind(AMQP_FIELD_KIND_BOOLEAN); field.value.boolean = flag ? 1 : 0
        case .int8(let number): kind(AMQP_FIELD_KIND_I8); field.value.i8 = number
        case .uint8(let number): kind(AMQP_FIELD_KIND_U8); field.value.u8 = number
        case .int16(let number): kind(AMQP_FIELD_KIND_I16); field.value.i16 = number
        case .uint16(let number): kind(AMQP_FIELD_KIND_U16); field.value.u16 = number
        case .int32(let number): kind(AMQP_FIELD_KIND_I32); field.value.i32 = number
        case .uint32(let number): kind(AMQP_FIELD_KIND_U32); field.value.u32 = number
        case .int64(let number): kind(AMQP_FIELD_KIND_I64); field.value.i64 = number
        case .float(let number): kind(AMQP_FIELD_KIND_F32); field.value.f32 = number
        case .double(let number): kind(AMQP_FIELD_KIND_F64); field.value.f64 = number
        case .decimal(let scale, let number):
            kind(AMQP_FIELD_KIND_DECIMAL); field.value.decimal = amqp_decimal_t(decimals: scale, value: number)
        case .string(let text): kind(AMQP_FIELD_KIND_UTF8); field.value.bytes = bytes(text)
        case .bytes(let raw): kind(AMQP_FIELD_KIND_BYTES); field.value.bytes = bytes(raw)
        case .timestamp(let seconds): kind(AMQP_FIELD_KIND_TIMESTAMP); field.value.u64 = seconds
        case .table(let nested): kind(AMQP_FIELD_KIND_TABLE); field.value.table = table(nested)
        case .array(let items): kind(AMQP_FIELD_KIND_ARRAY); field.value.array = array(items)
        case .void: kind(AMQP_FIELD_KIND_VOID)
        }
        return field
    }

    private func array(_ items: [AMQPFieldValue]) -> amqp_array_t {
        guard let raw = allocate(items.count * MemoryLayout<amqp_field_value_t>.stride) else {
            return amqp_array_t(num_entries: 0, entries: nil)
        }
        let entries = raw.bindMemory(to: amqp_field_value_t.self, capacity: items.count)
        for (index, item) in items.enumerated() { (entries + index).initialize(to: fieldValue(item)) }
        return amqp_array_t(num_entries: Int32(items.count), entries: entries)
    }

    func properties(_ properties: AMQPProperties) -> amqp_basic_properties_t {
        var encoded = amqp_basic_properties_t()
        var flags: Int32 = 0
        func set(_ value: String?, _ flag: Int32, _ field: WritableKeyPath<amqp_basic_properties_t, amqp_bytes_t>) {
            guard let value else { return }
            encoded[keyPath: field] = bytes(value)
            flags |= flag
        }
        set(properties.contentType, AMQP_BASIC_CONTENT_TYPE_FLAG, \.content_type)
        set(properties.contentEncoding, AMQP_BASIC_CONTENT_ENCODING_FLAG, \.content_encoding)
        set(properties.correlationId, AMQP_BASIC_CORRELATION_ID_FLAG, \.correlation_id)
        set(properties.replyTo, AMQP_BASIC_REPLY_TO_FLAG, \.reply_to)
        set(properties.expiration, AMQP_BASIC_EXPIRATION_FLAG, \.expiration)
        set(properties.messageId, AMQP_BASIC_MESSAGE_ID_FLAG, \.message_id)
        set(properties.type, AMQP_BASIC_TYPE_FLAG, \.type)
        set(properties.userId, AMQP_BASIC_USER_ID_FLAG, \.user_id)
        set(properties.appId, AMQP_BASIC_APP_ID_FLAG, \.app_id)
        if let headers = properties.headers {
            encoded.headers = table(headers)
            flags |= AMQP_BASIC_HEADERS_FLAG
        }
        if let mode = properties.deliveryMode {
            encoded.delivery_mode = mode.rawValue
            flags |= AMQP_BASIC_DELIVERY_MODE_FLAG
        }
        if let priority = properties.priority {
            encoded.priority = priority
            flags |= AMQP_BASIC_PRIORITY_FLAG
        }
        if let timestamp = properties.timestamp {
            encoded.timestamp = timestamp
            flags |= AMQP_BASIC_TIMESTAMP_FLAG
        }
        encoded._flags = amqp_flags_t(flags)
        return encoded
    }
}
