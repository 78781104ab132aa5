import MixerDecodeSupport

/// Text-format parsers of `CheckResponse` and the uncompressed `Attributes`.
extension TextFormatParser {
    static let conditionNames: [String: Int32] = ["CONDITION_UNSPECIFIED": 0, "ABSENCE": 1, "EXACT": 2, "REGEX": 3]
    static let operationNames: [String: Int32] = ["REPLACE": 0, "REMOVE": 1, "APPEND": 2]

    mutating func parseCheckResponse() -> CheckResponse {
        var response = CheckResponse()
        _ = readFields(closer: nil, context: "CheckResponse", record: nil) { parser, name, _ in
            if name == "precondition" {
                guard let closer = parser.beginMessage(context: "precondition", record: nil) else { return true }
                var precondition = CheckResponse.Precondition()
                _ = parser.readFields(closer: closer, context: "precondition", record: nil) { parser, field, _ in
                    if field == "status" {
                        precondition.status = parser.parseStatus() ?? precondition.status ?? CheckResponse.Status()
                    } else if field == "valid_duration" {
                        precondition.validDuration = parser.parseSecondsAndNanos(context: "valid_duration", record: nil)
                            .map { ProtoDuration(seconds: $0.seconds, nanos: $0.nanos) }
                    } else if field == "valid_use_count" {
                        precondition.validUseCount = parser.readInteger(
                            Int64(Int32.min)...Int64(Int32.max), context: "valid_use_count", record: nil).map { Int32($0) } ?? 0
                    } else if field == "referenced_attributes" {
                        precondition.referencedAttributes = parser.parseReferencedAttributes()
                    } else if field == "route_directive" {
                        precondition.routeDirective = parser.parseRouteDirective()
                    } else {
                        return false
                    }
                    return true
                }
                response.precondition = precondition
            } else if name == "quotas" {
                if let quota = parser.parseQuotaResult() { response.quotas.append(quota) }
            } else {
                return false
            }
            return true
        }
        return response
    }

    /// `google.rpc.Status { int32 code = 1; string message = 2; repeated Any details = 3; }`
    private mutating func parseStatus() -> CheckResponse.Status? {
        guard let closer = beginMessage(context: "status", record: nil) else { return nil }
        var status = CheckResponse.Status()
        _ = readFields(closer: closer, context: "status", record: nil) { parser, name, _ in
            if name == "code" {
                status.code = parser.readInteger(Int64(Int32.min)...Int64(Int32.max), context: "status.code", record: nil)
                    .map { Int32($0) } ?? 0
            } else if name == "message" {
                status.message = parser.readString(context: "status.message", record: nil) ?? ""
            } else {
                return false
            }
            return true
        }
        return status
    }

    private mutating func parseReferencedAttributes() -> ReferencedAttributes? {
        guard let closer = beginMessage(context: "referenced_attributes", record: nil) else { return nil }
        var referenced = ReferencedAttributes()
        _ = readFields(closer: closer, context: "referenced_attributes", record: nil) { parser, name, _ in
            if name == "words" {
                if let word = parser.readString(context: "referenced_attributes.words", record: nil) {
                    referenced.words.append(word)
                }
            } else if name == "attribute_matches" {
                guard let inner = parser.beginMessage(context: "attribute_matches", record: nil) else { return true }
                var match = ReferencedAttributes.AttributeMatch()
                _ = parser.readFields(closer: inner, context: "attribute_matches", record: nil) { parser, field, _ in
                    if field == "name" {
                        match.name = parser.readIndex(context: "attribute_matches.name", record: nil) ?? 0
                    } else if field == "condition" {
                        match.condition = parser.readEnum(Self.conditionNames, context: "condition", record: nil) ?? 0
                    } else if field == "regex" {
                        match.regex = parser.readString(context: "regex", record: nil) ?? ""
                    } else if field == "map_key" {
                        match.mapKey = parser.readIndex(context: "map_key", record: nil) ?? 0
                    } else {
                        return false
                    }
                    return true
                }
                referenced.matches.append(match)
            } else {
                return false
            }
            return true
        }
        return referenced
    }

    private mutating func parseRouteDirective() -> RouteDirective? {
        guard let closer = beginMessage(context: "route_directive", record: nil) else { return nil }
        var directive = RouteDirective()
        _ = readFields(closer: closer, context: "route_directive", record: nil) { parser, name, _ in
            if name == "request_header_operations" || name == "response_header_operations" {
                guard let operation = parser.parseHeaderOperation() else { return true }
                if name == "request_header_operations" {
                    directive.requestHeaderOperations.append(operation)
                } else {
                    directive.responseHeaderOperations.append(operation)
                }
            } else if name == "direct_response_code" {
                directive.directResponseCode = parser.readUnsigned(max: UInt64(UInt32.max), context: "direct_response_code", record: nil)
                    .map { UInt32($0) } ?? 0
            } else if name == "direct_response_body" {
                directive.directResponseBody = parser.readString(context: "direct_response_body", record: nil) ?? ""
            } else {
                return false
            }
            return true
        }
        return directive
    }

    private mutating func parseHeaderOperation() -> RouteDirective.HeaderOperation? {
        guard let closer = beginMessage(context: "header operation", record: nil) else { return nil }
        var operation = RouteDirective.HeaderOperation()
        _ = readFields(closer: closer, context: "header operation", record: nil) { parser, name, _ in
            if name == "name" {
                operation.name = parser.readString(context: "name", record: nil) ?? ""
            } else if name == "value" {
                operation.value = parser.readString(context: "value", record: nil) ?? ""
            } else if name == "operation" {
                operation.operation = parser.readEnum(Self.operationNames, context: "operation", record: nil) ?? 0
            } else {
                return false
            }
            return true
        }
        return operation
    }

    private mutating func parseQuotaResult() -> CheckResponse.QuotaResult? {
        guard let closer = beginMessage(context: "quotas entry", record: nil) else { return nil }
        var quota = CheckResponse.QuotaResult()
        let complete = readFields(closer: closer, context: "quotas entry", record: nil) { parser, name, _ in
            if name == "key" {
                quota.name = parser.readString(context: "quotas key", record: nil) ?? ""
            } else if name == "value" {
                guard let inner = parser.beginMessage(context: "quotas value", record: nil) else { return true }
                _ = parser.readFields(closer: inner, context: "QuotaResult", record: nil) { parser, field, _ in
                    if field == "valid_duration" {
                        quota.validDuration = parser.parseSecondsAndNanos(context: "valid_duration", record: nil)
                            .map { ProtoDuration(seconds: $0.seconds, nanos: $0.nanos) }
                    } else if field == "granted_amount" {
                        quota.grantedAmount = parser.readInteger(Int64.min...Int64.max, context: "granted_amount", record: nil) ?? 0
                    } else if field == "referenced_attributes" {
                        quota.referencedAttributes = parser.parseReferencedAttributes()
                    } else if field == "status" {
                        quota.status = parser.parseStatus()
                    } else {
                        return false
                    }
                    return true
                }
            } else {
                return false
            }
            return true
        }
        return complete ? quota : nil
    }

    /// The uncompressed `Attributes { map<string, AttributeValue> attributes = 1; }`.
    mutating func parseAttributesMessage() -> AttributesMessage {
        var message = AttributesMessage()
        _ = readFields(closer: nil, context: "Attributes", record: 0) { parser, name, _ in
            guard name == "attributes" else { return false }
            let context = "attributes entry \(message.attributes.count)"
            guard let closer = parser.beginMessage(context: context, record: 0) else {
                parser.partialRecords.insert(0)
                return true
            }
            var attribute = Attribute(name: "", value: .string(""))
            let complete = parser.readFields(closer: closer, context: context, record: 0) { parser, field, _ in
                if field == "key" {
                    attribute.name = parser.readString(context: "\(context) key", record: 0) ?? ""
                } else if field == "value" {
                    attribute.value = parser.parseAttributeValue(context: "\(context) value") ?? attribute.value
                } else {
                    return false
                }
                return true
            }
            if complete { message.attributes.append(attribute) }
            return true
        }
        return message
    }

    /// The `AttributeValue` oneof; the last member present wins.
    private mutating func parseAttributeValue(context: String) -> AttributeValue? {
        guard let closer = beginMessage(context: context, record: 0) else { return nil }
        var value: AttributeValue?
        let complete = readFields(closer: closer, context: context, record: 0) { parser, name, _ in
            if name == "string_value" {
                value = parser.readString(context: context, record: 0).map(AttributeValue.string) ?? value
            } else if name == "int64_value" {
                value = parser.readInteger(Int64.min...Int64.max, context: context, record: 0).map(AttributeValue.int64) ?? value
            } else if name == "double_value" {
                value = parser.readDouble(context: context, record: 0).map(AttributeValue.double) ?? value
            } else if name == "bool_value" {
                value = parser.readBool(context: context, record: 0).map(AttributeValue.bool) ?? value
            } else if name == "bytes_value" {
                value = parser.readBytes(context: context, record: 0).map(AttributeValue.bytes) ?? value
            } else if name == "timestamp_value" {
                value = parser.parseSecondsAndNanos(context: context, record: 0)
                    .map { .timestamp(ProtoTimestamp(seconds: $0.seconds, nanos: $0.nanos)) } ?? value
            } else if name == "duration_value" {
                value = parser.parseSecondsAndNanos(context: context, record: 0)
                    .map { .duration(ProtoDuration(seconds: $0.seconds, nanos: $0.nanos)) } ?? value
            } else if name == "string_map_value" {
                value = parser.parseClearStringMap(context: context).map(AttributeValue.stringMap) ?? value
            } else {
                return false
            }
            return true
        }
        return complete ? (value ?? .string("")) : nil
    }

    /// `StringMap { entries { key: "k" value: "v" } }`, sorted by key, last value kept.
    private mutating func parseClearStringMap(context: String) -> [StringPair]? {
        guard let closer = beginMessage(context: context, record: 0) else { return nil }
        var pairs: [StringPair] = []
        let complete = readFields(closer: closer, context: context, record: 0) { parser, name, _ in
            guard name == "entries", let inner = parser.beginMessage(context: context, record: 0) else { return name == "entries" }
            var key = ""
            var value = ""
            if parser.readFields(closer: inner, context: context, record: 0, { parser, field, _ in
                if field == "key" {
                    key = parser.readString(context: context, record: 0) ?? ""
                } else if field == "value" {
                    value = parser.readString(context: context, record: 0) ?? ""
                } else {
                    return false
                }
                return true
            }) {
                pairs.append(StringPair(key: key, value: value))
            }
            return true
        }
        return complete ? LastPerKey.sorted(pairs) { LastPerKey.bytewise($0.key, $1.key) } : nil
    }
}
