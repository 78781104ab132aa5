import Foundation
import MixerDecode
import MixerProtobufC

/// Canonical lines for `CheckResponse` and the uncompressed `Attributes`.
///
/// Two modelling choices of mixerdecode are applied to protobuf-c's side:
/// an `AttributeValue` with no member set (or missing) reads as the empty
/// string, and an uncompressed string map keeps one value per key (the
/// last), sorted by key.
extension Shape {
    // MARK: protobuf-c

    static func lines(_ response: Istio__Mixer__V1__CheckResponse) -> [String] {
        var out: [String] = []
        if let precondition = response.precondition?.pointee {
            out.append("precondition")
            if let status = precondition.status?.pointee { out.append("status \(status.code) \(cString(status.message))") }
            if let duration = precondition.valid_duration?.pointee { out.append("valid_duration \(duration.seconds),\(duration.nanos)") }
            out.append("valid_use_count \(precondition.valid_use_count)")
            if let referenced = precondition.referenced_attributes?.pointee { out += lines(referenced, prefix: "referenced") }
            if let directive = precondition.route_directive?.pointee {
                for (name, count, operations) in [("request", directive.n_request_header_operations, directive.request_header_operations),
                                                  ("response", directive.n_response_header_operations, directive.response_header_operations)] {
                    for index in 0..<count {
                        let operation = operations![index]!.pointee
                        out.append("\(name) header \(cString(operation.name))=\(cString(operation.value)) \(operation.operation.rawValue)")
                    }
                }
                out.append("direct \(directive.direct_response_code) \(cString(directive.direct_response_body))")
            }
        }
        for index in 0..<response.n_quotas {
            let entry = response.quotas[index]!.pointee
            out.append("quota \(cString(entry.key))")
            if let value = entry.value?.pointee {
                if let duration = value.valid_duration?.pointee { out.append("quota valid_duration \(duration.seconds),\(duration.nanos)") }
                out.append("quota granted \(value.granted_amount)")
                if let referenced = value.referenced_attributes?.pointee { out += lines(referenced, prefix: "quota referenced") }
                if let status = value.status?.pointee { out.append("quota status \(status.code) \(cString(status.message))") }
            } else {
                out.append("quota granted 0")
            }
        }
        return out
    }

    static func lines(_ referenced: Istio__Mixer__V1__ReferencedAttributes, prefix: String) -> [String] {
        var out: [String] = []
        for index in 0..<referenced.n_words { out.append("\(prefix) word \(cString(referenced.words[index]))") }
        for index in 0..<referenced.n_attribute_matches {
            let match = referenced.attribute_matches[index]!.pointee
            out.append("\(prefix) match \(match.name) \(match.condition.rawValue) \(cString(match.regex)) \(match.map_key)")
        }
        return out
    }

    static func lines(_ attributes: Istio__Mixer__V1__Attributes) -> [String] {
        var out: [String] = []
        for index in 0..<attributes.n_attributes {
            let entry = attributes.attributes[index]!.pointee
            var text = "string \"\""
            if let value = entry.value?.pointee {
                switch value.value_case.rawValue {
                case 2: text = "string \(cString(value.string_value))"
                case 3: text = "int64 \(value.int64_value)"
                case 4: text = "double \(value.double_value.bitPattern)"
                case 5: text = "bool \(value.bool_value != 0)"
                case 6: text = "bytes \(hex(UnsafeBufferPointer(start: value.bytes_value.data, count: value.bytes_value.len)))"
                case 7: text = "timestamp \(value.timestamp_value?.pointee.seconds ?? 0),\(value.timestamp_value?.pointee.nanos ?? 0)"
                case 8: text = "duration \(value.duration_value?.pointee.seconds ?? 0),\(value.duration_value?.pointee.nanos ?? 0)"
                case 9:
                    var byKey: [String: String] = [:]
                    if let map = value.string_map_value?.pointee {
                        for j in 0..<map.n_entries { let pair = map.entries[j]!.pointee; byKey[cString(pair.key)] = cString(pair.value) }
                    }
                    text = "map " + byKey.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
                default: text = "string \"\""
                }
            }
            if text == "string " { text = "string \"\"" }
            out.append("\(cString(entry.key)) \(text)")
        }
        return out
    }

    // MARK: mixerdecode

    static func lines(_ response: CheckResponse) -> [String] {
        var out: [String] = []
        if let precondition = response.precondition {
            out.append("precondition")
            if let status = precondition.status { out.append("status \(status.code) \(ours(status.message))") }
            if let duration = precondition.validDuration { out.append("valid_duration \(duration.seconds),\(duration.nanos)") }
            out.append("valid_use_count \(precondition.validUseCount)")
            if let referenced = precondition.referencedAttributes { out += lines(referenced, prefix: "referenced") }
            if let directive = precondition.routeDirective {
                for (name, operations) in [("request", directive.requestHeaderOperations), ("response", directive.responseHeaderOperations)] {
                    for operation in operations {
                        out.append("\(name) header \(ours(operation.name))=\(ours(operation.value)) \(operation.operation)")
                    }
                }
                out.append("direct \(directive.directResponseCode) \(ours(directive.directResponseBody))")
            }
        }
        for quota in response.quotas {
            out.append("quota \(ours(quota.name))")
            if let duration = quota.validDuration { out.append("quota valid_duration \(duration.seconds),\(duration.nanos)") }
            out.append("quota granted \(quota.grantedAmount)")
            if let referenced = quota.referencedAttributes { out += lines(referenced, prefix: "quota referenced") }
            if let status = quota.status { out.append("quota status \(status.code) \(ours(status.message))") }
        }
        return out
    }

    static func lines(_ referenced: ReferencedAttributes, prefix: String) -> [String] {
        referenced.words.map { "\(prefix) word \(ours($0))" }
            + referenced.matches.map { "\(prefix) match \($0.name) \($0.condition) \(ours($0.regex)) \($0.mapKey)" }
    }

    static func lines(_ message: AttributesMessage) -> [String] {
        message.attributes.map { attribute in
            let text: String = switch attribute.value {
            case .string(let value): ours(value).isEmpty ? "string \"\"" : "string \(ours(value))"
            case .int64(let value): "int64 \(value)"
            case .double(let value): "double \(value.bitPattern)"
            case .bool(let value): "bool \(value)"
            case .bytes(let value): "bytes \(hex(value))"
            case .timestamp(let value): "timestamp \(value.seconds),\(value.nanos)"
            case .duration(let value): "duration \(value.seconds),\(value.nanos)"
            case .stringMap(let pairs): "map " + pairs.map { "\(ours($0.key)):\(ours($0.value))" }.joined(separator: ",")
            }
            return "\(ours(attribute.name)) \(text)"
        }
    }
}
