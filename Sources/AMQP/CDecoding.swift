import CRabbitMQ

/// Copies of rabbitmq-c's decoded values into Swift values, made before the frame's memory is released.
enum CDecoding {
    static func string(_ bytes: amqp_bytes_t) -> String {
        guard let base = bytes.bytes, bytes.len > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: bytes.len), as: UTF8.self)
    }

    static func byteArray(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard let base = bytes.bytes, bytes.len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: bytes.len))
    }

    static func table(_ table: amqp_table_t) -> AMQPFieldTable {
        var result = AMQPFieldTable(minimumCapacity: Int(table.num_entries))
        guard let entries = table.entries else { return result }
        for index in 0..<Int(table.num_entries) {
            result[string(entries[index].key)] = fieldValue(entries[index].value)
        }
        return result
    }

    static func fieldValue(_ field: amqp_field_value_t) -> AMQPFieldValue {
        let value = field.value
        switch amqp_field_value_kind_t(UInt32(field.kind)) {
        case AMQP_FIELD_KIND_BOOLEAN: return .bool(value.boolean != 0)
        case AMQP_FIELD_KIND_I8: return .int8(value.i8)
        case AMQP_FIELD_KIND_U8: return .uint8(value.u8)
        case AMQP_FIELD_KIND_I16: return .int16(value.i16)
        case AMQP_FIELD_KIND_U16: return .uint16(value.u16)
        case AMQP_FIELD_KIND_I32: return .int32(value.i32)
        case AMQP_FIELD_KIND_U32: return .uint32(value.u32)
        case AMQP_FIELD_KIND_I64: return .int64(value.i64)
        case AMQP_FIELD_KIND_U64: return .int64(Int64(bitPattern: value.u64))
        case AMQP_FIELD_KIND_F32: return .float(value.f32)
        case AMQP_FIELD_KIND_F64: return .double(value.f64)
        case AMQP_FIELD_KIND_DECIMAL: return .decimal(scale: value.decimal.decimals, value: value.decimal.value)
        case AMQP_FIELD_KIND_UTF8: return .string(string(value.bytes))
        case AMQP_FIELD_KIND_BYTES: return .bytes(byteArray(value.bytes))
        case AMQP_FIELD_KIND_TIMESTAMP: return .timestamp(value.u64)
        case AMQP_FIELD_KIND_TABLE: return .table(table(value.table))
        case AMQP_FIELD_KIND_ARRAY:
            guard let entries = value.array.entries else { return .array([]) }
            return .array((0..<Int(value.array.num_entries)).map { fieldValue(entries[$0]) })
        default: return .void
        }
    }

    static func properties(_ decoded: UnsafePointer<amqp_basic_properties_t>) -> AMQPProperties {
        let encoded = decoded.pointee
        let flags = Int32(truncatingIfNeeded: encoded._flags)
        var properties = AMQPProperties()
        if flags == 0 { return properties }
        func text(_ flag: Int32, _ bytes: amqp_bytes_t) -> String? { flags & flag != 0 ? string(bytes) : nil }
        properties.contentType = text(AMQP_BASIC_CONTENT_TYPE_FLAG, encoded.content_type)
        properties.contentEncoding = text(AMQP_BASIC_CONTENT_ENCODING_FLAG, encoded.content_encoding)
        properties.correlationId = text(AMQP_BASIC_CORRELATION_ID_FLAG, encoded.correlation_id)
        properties.replyTo = text(AMQP_BASIC_REPLY_TO_FLAG, encoded.reply_to)
        properties.expiration = text(AMQP_BASIC_EXPIRATION_FLAG, encoded.expiration)
        properties.messageId = text(AMQP_BASIC_MESSAGE_ID_FLAG, encoded.message_id)
        properties.type = text(AMQP_BASIC_TYPE_FLAG, encoded.type)
        properties.userId = text(AMQP_BASIC_USER_ID_FLAG, encoded.user_id)
        properties.appId = text(AMQP_BASIC_APP_ID_FLAG, encoded.app_id)
        if flags & AMQP_BASIC_HEADERS_FLAG != 0 { properties.headers = table(encoded.headers) }
        if flags & AMQP_BASIC_DELIVERY_MODE_FLAG != 0 {
            properties.deliveryMode = AMQPProperties.DeliveryMode(rawValue: encoded.delivery_mode)
        }
        if flags & AMQP_BASIC_PRIORITY_FLAG != 0 { properties.priority = encoded.priority }
        if flags & AMQP_BASIC_TIMESTAMP_FLAG != 0 { properties.timestamp = encoded.timestamp }
        return properties
    }
}
