/// `CheckResponse` and the uncompressed `Attributes` back to the wire, as
/// C++ protobuf serializes them (see `WireEncoder`).
extension WireEncoder {
    public static func encode(_ response: CheckResponse) -> [UInt8] {
        var writer = WireWriter()
        if let precondition = response.precondition {
            writer.messageField(2) { out in
                if let status = precondition.status { out.messageField(1) { write(status, to: &$0) } }
                if let duration = precondition.validDuration { out.messageField(2) { writeSpan(duration, to: &$0) } }
                if precondition.validUseCount != 0 { out.int64Field(3, Int64(precondition.validUseCount)) }
                if let referenced = precondition.referencedAttributes { out.messageField(5) { write(referenced, to: &$0) } }
                if let directive = precondition.routeDirective { out.messageField(6) { write(directive, to: &$0) } }
            }
        }
        for quota in response.quotas {
            writer.messageField(3) { entry in
                entry.stringField(1, quota.name)
                entry.messageField(2) { value in
                    if let duration = quota.validDuration { value.messageField(1) { writeSpan(duration, to: &$0) } }
                    if quota.grantedAmount != 0 { value.int64Field(2, quota.grantedAmount) }
                    if let referenced = quota.referencedAttributes { value.messageField(5) { write(referenced, to: &$0) } }
                    if let status = quota.status { value.messageField(6) { write(status, to: &$0) } }
                }
            }
        }
        return writer.bytes
    }

    /// The uncompressed `Attributes`: entries in the model's order, each
    /// value with its oneof member written even when it holds the default.
    public static func encode(_ message: AttributesMessage) -> [UInt8] {
        var writer = WireWriter()
        for attribute in message.attributes {
            writer.messageField(1) { entry in
                entry.stringField(1, attribute.name)
                entry.messageField(2) { value in
                    switch attribute.value {
                    case .string(let text): value.stringField(2, text)
                    case .int64(let number): value.int64Field(3, number)
                    case .double(let number): value.fixed64Field(4, number.bitPattern)
                    case .bool(let flag): value.varintField(5, flag ? 1 : 0)
                    case .bytes(let bytes): value.bytesField(6, bytes)
                    case .timestamp(let time):
                        value.messageField(7) { writeSpan(ProtoDuration(seconds: time.seconds, nanos: time.nanos), to: &$0) }
                    case .duration(let span): value.messageField(8) { writeSpan(span, to: &$0) }
                    case .stringMap(let pairs):
                        value.messageField(9) { map in
                            for pair in pairs {
                                map.messageField(1) { $0.stringField(1, pair.key); $0.stringField(2, pair.value) }
                            }
                        }
                    }
                }
            }
        }
        return writer.bytes
    }

    private static func write(_ status: CheckResponse.Status, to writer: inout WireWriter) {
        if status.code != 0 { writer.int64Field(1, Int64(status.code)) }
        if !status.message.isEmpty { writer.stringField(2, status.message) }
    }

    private static func writeSpan(_ span: ProtoDuration, to writer: inout WireWriter) {
        if span.seconds != 0 { writer.int64Field(1, span.seconds) }
        if span.nanos != 0 { writer.int64Field(2, Int64(span.nanos)) }
    }

    private static func write(_ referenced: ReferencedAttributes, to writer: inout WireWriter) {
        for word in referenced.words { writer.stringField(1, word) }
        for match in referenced.matches {
            writer.messageField(2) { out in
                if match.name != 0 { out.sint32Field(1, match.name) }
                if match.condition != 0 { out.int64Field(2, Int64(match.condition)) }
                if !match.regex.isEmpty { out.stringField(3, match.regex) }
                if match.mapKey != 0 { out.sint32Field(4, match.mapKey) }
            }
        }
    }

    private static func write(_ directive: RouteDirective, to writer: inout WireWriter) {
        for (field, operations) in [(UInt32(1), directive.requestHeaderOperations), (2, directive.responseHeaderOperations)] {
            for operation in operations {
                writer.messageField(field) { out in
                    if !operation.name.isEmpty { out.stringField(1, operation.name) }
                    if !operation.value.isEmpty { out.stringField(2, operation.value) }
                    if operation.operation != 0 { out.int64Field(3, Int64(operation.operation)) }
                }
            }
        }
        if directive.directResponseCode != 0 { writer.varintField(3, UInt64(directive.directResponseCode)) }
        if !directive.directResponseBody.isEmpty { writer.stringField(4, directive.directResponseBody) }
    }
}
