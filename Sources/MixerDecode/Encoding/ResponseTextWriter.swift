/// `CheckResponse` and the uncompressed `Attributes` in DebugString layout
/// (see `TextFormatWriter`).
extension TextFormatWriter {
    public static func write(_ response: CheckResponse) -> String {
        var out = Output()
        if let precondition = response.precondition {
            out.block("precondition") { block in
                if let status = precondition.status { block.block("status") { write(status, to: &$0) } }
                if let duration = precondition.validDuration { block.block("valid_duration") { span(duration, to: &$0) } }
                if precondition.validUseCount != 0 { block.field("valid_use_count", "\(precondition.validUseCount)") }
                if let referenced = precondition.referencedAttributes {
                    block.block("referenced_attributes") { write(referenced, to: &$0) }
                }
                if let directive = precondition.routeDirective { block.block("route_directive") { write(directive, to: &$0) } }
            }
        }
        for quota in lastPerKeySorted(response.quotas, key: \.name) {
            out.block("quotas") { entry in
                entry.field("key", quoted(Array(quota.name.utf8)))
                entry.block("value") { value in
                    if let duration = quota.validDuration { value.block("valid_duration") { span(duration, to: &$0) } }
                    if quota.grantedAmount != 0 { value.field("granted_amount", "\(quota.grantedAmount)") }
                    if let referenced = quota.referencedAttributes { value.block("referenced_attributes") { write(referenced, to: &$0) } }
                    if let status = quota.status { value.block("status") { write(status, to: &$0) } }
                }
            }
        }
        return out.text
    }

    public static func write(_ message: AttributesMessage) -> String {
        var out = Output()
        for attribute in lastPerKeySorted(message.attributes, key: \.name) {
            out.block("attributes") { entry in
                entry.field("key", quoted(Array(attribute.name.utf8)))
                entry.block("value") { value in
                    switch attribute.value {
                    case .string(let text): value.field("string_value", quoted(Array(text.utf8)))
                    case .int64(let number): value.field("int64_value", "\(number)")
                    case .double(let number): value.field("double_value", double(number))
                    case .bool(let flag): value.field("bool_value", flag ? "true" : "false")
                    case .bytes(let bytes): value.field("bytes_value", quoted(bytes))
                    case .timestamp(let time):
                        value.block("timestamp_value") { span(ProtoDuration(seconds: time.seconds, nanos: time.nanos), to: &$0) }
                    case .duration(let duration): value.block("duration_value") { span(duration, to: &$0) }
                    case .stringMap(let pairs):
                        value.block("string_map_value") { map in
                            for pair in lastPerKeySorted(pairs, key: \.key) {
                                map.block("entries") {
                                    $0.field("key", quoted(Array(pair.key.utf8)))
                                    $0.field("value", quoted(Array(pair.value.utf8)))
                                }
                            }
                        }
                    }
                }
            }
        }
        return out.text
    }

    private static func write(_ status: CheckResponse.Status, to out: inout Output) {
        if status.code != 0 { out.field("code", "\(status.code)") }
        if !status.message.isEmpty { out.field("message", quoted(Array(status.message.utf8))) }
    }

    private static func span(_ span: ProtoDuration, to out: inout Output) {
        if span.seconds != 0 { out.field("seconds", "\(span.seconds)") }
        if span.nanos != 0 { out.field("nanos", "\(span.nanos)") }
    }

    private static func write(_ referenced: ReferencedAttributes, to out: inout Output) {
        for word in referenced.words { out.field("words", quoted(Array(word.utf8))) }
        for match in referenced.matches {
            out.block("attribute_matches") { block in
                if match.name != 0 { block.field("name", "\(match.name)") }
                if match.condition != 0 {
                    block.field("condition", ReferencedAttributes.AttributeMatch.conditionNames[match.condition] ?? "\(match.condition)")
                }
                if !match.regex.isEmpty { block.field("regex", quoted(Array(match.regex.utf8))) }
                if match.mapKey != 0 { block.field("map_key", "\(match.mapKey)") }
            }
        }
    }

    private static func write(_ directive: RouteDirective, to out: inout Output) {
        let names = ["REPLACE", "REMOVE", "APPEND"]
        for (field, operations) in [("request_header_operations", directive.requestHeaderOperations),
                                    ("response_header_operations", directive.responseHeaderOperations)] {
            for operation in operations {
                out.block(field) { block in
                    if !operation.name.isEmpty { block.field("name", quoted(Array(operation.name.utf8))) }
                    if !operation.value.isEmpty { block.field("value", quoted(Array(operation.value.utf8))) }
                    if operation.operation != 0 {
                        block.field("operation", names.indices.contains(Int(operation.operation)) ? names[Int(operation.operation)] : "\(operation.operation)")
                    }
                }
            }
        }
        if directive.directResponseCode != 0 { out.field("direct_response_code", "\(directive.directResponseCode)") }
        if !directive.directResponseBody.isEmpty { out.field("direct_response_body", quoted(Array(directive.directResponseBody.utf8))) }
    }
}
