/// `CheckResponse` and the uncompressed `Attributes` back to the wire, as
/// C++ protobuf serializes them (see `WireEncoder`).
extension WireEncoder {
    public static func encode(_ response: CheckResponse) -> [UInt8] {
        var writer = WireWriter()
        if let precondition = response.precondition {
            typealias Field = PreconditionField
            writer.messageField(CheckResponseField.precondition) { out in
                if let status = precondition.status { out.messageField(Field.status) { write(status, to: &$0) } }
                if let duration = precondition.validDuration { out.messageField(Field.validDuration) { writeTime(seconds: duration.seconds, nanos: duration.nanos, to: &$0) } }
                if precondition.validUseCount != 0 { out.int64Field(Field.validUseCount, Int64(precondition.validUseCount)) }
                if let referenced = precondition.referencedAttributes {
                    out.messageField(Field.referencedAttributes) { write(referenced, to: &$0) }
                }
                if let directive = precondition.routeDirective { out.messageField(Field.routeDirective) { write(directive, to: &$0) } }
            }
        }
        for quota in response.quotas {
            typealias Field = QuotaResultField
            writer.messageField(CheckResponseField.quotas) { entry in
                entry.stringField(StringMapEntryField.key, quota.name)
                entry.messageField(StringMapEntryField.value) { value in
                    if let duration = quota.validDuration { value.messageField(Field.validDuration) { writeTime(seconds: duration.seconds, nanos: duration.nanos, to: &$0) } }
                    if quota.grantedAmount != 0 { value.int64Field(Field.grantedAmount, quota.grantedAmount) }
                    if let referenced = quota.referencedAttributes {
                        value.messageField(Field.referencedAttributes) { write(referenced, to: &$0) }
                    }
                    if let status = quota.status { value.messageField(Field.status) { write(status, to: &$0) } }
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
            writer.messageField(AttributesField.attributes) { entry in
                entry.stringField(StringMapEntryField.key, attribute.name)
                entry.messageField(StringMapEntryField.value) { write(attribute.value, to: &$0) }
            }
        }
        return writer.bytes
    }

    /// The member of the `AttributeValue` oneof that holds `value`.
    private static func write(_ value: AttributeValue, to writer: inout WireWriter) {
        typealias Field = AttributeValueField
        switch value {
        case .string(let text): writer.stringField(Field.stringValue, text)
        case .int64(let number): writer.int64Field(Field.int64Value, number)
        case .double(let number): writer.fixed64Field(Field.doubleValue, number.bitPattern)
        case .bool(let flag): writer.varintField(Field.boolValue, flag ? 1 : 0)
        case .bytes(let bytes): writer.bytesField(Field.bytesValue, bytes)
        case .timestamp(let time):
            writer.messageField(Field.timestampValue) { writeTime(seconds: time.seconds, nanos: time.nanos, to: &$0) }
        case .duration(let span): writer.messageField(Field.durationValue) { writeTime(seconds: span.seconds, nanos: span.nanos, to: &$0) }
        case .stringMap(let pairs):
            writer.messageField(Field.stringMapValue) { map in
                for pair in pairs {
                    map.messageField(AttributesStringMapField.entries) {
                        $0.stringField(StringMapEntryField.key, pair.key)
                        $0.stringField(StringMapEntryField.value, pair.value)
                    }
                }
            }
        }
    }

    private static func write(_ status: CheckResponse.Status, to writer: inout WireWriter) {
        if status.code != 0 { writer.int64Field(StatusField.code, Int64(status.code)) }
        if !status.message.isEmpty { writer.stringField(StatusField.message, status.message) }
    }

    private static func write(_ referenced: ReferencedAttributes, to writer: inout WireWriter) {
        typealias Field = AttributeMatchField
        for word in referenced.words { writer.stringField(ReferencedAttributesField.words, word) }
        for match in referenced.matches {
            writer.messageField(ReferencedAttributesField.attributeMatches) { out in
                if match.name != 0 { out.sint32Field(Field.name, match.name) }
                if match.condition != 0 { out.int64Field(Field.condition, Int64(match.condition)) }
                if !match.regex.isEmpty { out.stringField(Field.regex, match.regex) }
                if match.mapKey != 0 { out.sint32Field(Field.mapKey, match.mapKey) }
            }
        }
    }

    private static func write(_ directive: RouteDirective, to writer: inout WireWriter) {
        typealias Field = RouteDirectiveField
        let lists = [
            (Field.requestHeaderOperations, directive.requestHeaderOperations),
            (Field.responseHeaderOperations, directive.responseHeaderOperations),
        ]
        for (field, operations) in lists {
            for operation in operations {
                writer.messageField(field) { out in
                    if !operation.name.isEmpty { out.stringField(HeaderOperationField.name, operation.name) }
                    if !operation.value.isEmpty { out.stringField(HeaderOperationField.value, operation.value) }
                    if operation.operation != 0 { out.int64Field(HeaderOperationField.operation, Int64(operation.operation)) }
                }
            }
        }
        if directive.directResponseCode != 0 { writer.varintField(Field.directResponseCode, UInt64(directive.directResponseCode)) }
        if !directive.directResponseBody.isEmpty { writer.stringField(Field.directResponseBody, directive.directResponseBody) }
    }
}
