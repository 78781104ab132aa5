/// Decoding of `CheckResponse` from the wire. Damage inside a nested
/// message is reported and that message is left at what was read.
extension DecodeSession {
    mutating func decodeCheckResponse(_ cursor: inout WireCursor) -> CheckResponse {
        var response = CheckResponse()
        readMessage(&cursor, path: "CheckResponse", depth: 0, schema: [2: .lengthDelimited, 3: .lengthDelimited]) { session, field, content in
            switch field {
            case 2: response.precondition = session.decodePrecondition(&content)
            case 3: if let quota = session.decodeQuotaResult(&content) { response.quotas.append(quota) }
            default: return false
            }
            return true
        }
        noteStop(cursor)
        return response
    }

    /// Walks the fields of a message: length-delimited fields go to `nested`
    /// with a cursor over their content, varints to `varint`; any field either
    /// does not take is skipped as unknown. Stops at the first unreadable byte.
    private mutating func readMessage(
        _ cursor: inout WireCursor, path: String, depth: Int, schema: [UInt32: WireType],
        varint: (inout DecodeSession, UInt32, UInt64) -> Bool = { _, _, _ in false },
        nested: (inout DecodeSession, UInt32, inout WireCursor) -> Bool
    ) {
        while !cursor.isAtEnd && !limitReached {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else {
                report(.diagnose(.tag, at: cursor), path: path, record: nil)
                return
            }
            var taken = false
            if tag.wireType == .lengthDelimited {
                guard let length = cursor.readLength() else {
                    report(.diagnose(.length, at: cursor), path: path, record: nil)
                    return
                }
                var content = cursor.nested(length: length)
                taken = nested(&self, tag.fieldNumber, &content)
                if taken {
                    cursor.position += length
                    continue
                }
                cursor.position = tagOffset
                _ = cursor.readTag()
            } else if tag.wireType == .varint {
                let valueOffset = cursor.position
                guard let value = cursor.readVarint() else {
                    report(.diagnose(.varint, at: cursor), path: path, record: nil)
                    return
                }
                taken = varint(&self, tag.fieldNumber, value)
                if taken { continue }
                cursor.position = valueOffset
            }
            if let failure = skipUnknown(
                tag, expected: Self.expected(tag, schema), cursor: &cursor, tagOffset: tagOffset, depth: depth,
                path: path, record: nil)
            {
                report(failure, path: path, record: nil)
                return
            }
        }
    }

    private mutating func decodeString(_ content: WireCursor, path: String) -> String {
        string(from: content, range: content.position..<content.end, path: path, record: nil)
    }

    private mutating func decodeDuration(_ content: inout WireCursor, path: String) -> ProtoDuration {
        var duration = ProtoDuration(seconds: 0, nanos: 0)
        readMessage(&content, path: path, depth: 3, schema: [1: .varint, 2: .varint], varint: { _, field, value in
            switch field {
            case 1: duration.seconds = Int64(bitPattern: value)
            case 2: duration.nanos = Int32(truncatingIfNeeded: value)
            default: return false
            }
            return true
        }, nested: { _, _, _ in false })
        return duration
    }

    private mutating func decodeStatus(_ content: inout WireCursor, path: String) -> CheckResponse.Status {
        var status = CheckResponse.Status()
        readMessage(&content, path: path, depth: 3, schema: [1: .varint, 2: .lengthDelimited, 3: .lengthDelimited], varint: { _, field, value in
            guard field == 1 else { return false }
            status.code = Int32(truncatingIfNeeded: value)
            return true
        }, nested: { session, field, inner in
            guard field == 2 else { return false }
            status.message = session.decodeString(inner, path: "\(path).message")
            return true
        })
        return status
    }

    private mutating func decodePrecondition(_ content: inout WireCursor) -> CheckResponse.Precondition {
        var precondition = CheckResponse.Precondition()
        let path = "precondition"
        readMessage(
            &content, path: path, depth: 1,
            schema: [1: .lengthDelimited, 2: .lengthDelimited, 3: .varint, 5: .lengthDelimited, 6: .lengthDelimited],
            varint: { _, field, value in
            guard field == 3 else { return false }
            precondition.validUseCount = Int32(truncatingIfNeeded: value)
            return true
        }, nested: { session, field, inner in
            switch field {
            case 1: precondition.status = session.decodeStatus(&inner, path: "\(path).status")
            case 2: precondition.validDuration = session.decodeDuration(&inner, path: "\(path).valid_duration")
            case 5: precondition.referencedAttributes = session.decodeReferencedAttributes(&inner, path: "\(path).referenced_attributes")
            case 6: precondition.routeDirective = session.decodeRouteDirective(&inner)
            default: return false
            }
            return true
        })
        return precondition
    }

    private mutating func decodeReferencedAttributes(_ content: inout WireCursor, path: String) -> ReferencedAttributes {
        var referenced = ReferencedAttributes()
        readMessage(&content, path: path, depth: 2, schema: [1: .lengthDelimited, 2: .lengthDelimited]) { session, field, inner in
            switch field {
            case 1: referenced.words.append(session.decodeString(inner, path: "\(path).words"))
            case 2:
                var match = ReferencedAttributes.AttributeMatch()
                session.readMessage(
                    &inner, path: "\(path).attribute_matches", depth: 3,
                    schema: [1: .varint, 2: .varint, 3: .lengthDelimited, 4: .varint], varint: { _, field, value in
                    switch field {
                    case 1: match.name = ZigZag.decode32(value)
                    case 2: match.condition = Int32(truncatingIfNeeded: value)
                    case 4: match.mapKey = ZigZag.decode32(value)
                    default: return false
                    }
                    return true
                }, nested: { session, field, text in
                    guard field == 3 else { return false }
                    match.regex = session.decodeString(text, path: "\(path).regex")
                    return true
                })
                referenced.matches.append(match)
            default: return false
            }
            return true
        }
        return referenced
    }

    private mutating func decodeRouteDirective(_ content: inout WireCursor) -> RouteDirective {
        var directive = RouteDirective()
        let path = "precondition.route_directive"
        readMessage(
            &content, path: path, depth: 2,
            schema: [1: .lengthDelimited, 2: .lengthDelimited, 3: .varint, 4: .lengthDelimited], varint: { _, field, value in
            guard field == 3 else { return false }
            directive.directResponseCode = UInt32(truncatingIfNeeded: value)
            return true
        }, nested: { session, field, inner in
            switch field {
            case 1, 2:
                var operation = RouteDirective.HeaderOperation()
                session.readMessage(
                    &inner, path: "\(path).header_operation", depth: 3,
                    schema: [1: .lengthDelimited, 2: .lengthDelimited, 3: .varint], varint: { _, field, value in
                    guard field == 3 else { return false }
                    operation.operation = Int32(truncatingIfNeeded: value)
                    return true
                }, nested: { session, field, text in
                    switch field {
                    case 1: operation.name = session.decodeString(text, path: "\(path).name")
                    case 2: operation.value = session.decodeString(text, path: "\(path).value")
                    default: return false
                    }
                    return true
                })
                if field == 1 { directive.requestHeaderOperations.append(operation) } else { directive.responseHeaderOperations.append(operation) }
            case 4: directive.directResponseBody = session.decodeString(inner, path: "\(path).direct_response_body")
            default: return false
            }
            return true
        })
        return directive
    }

    private mutating func decodeQuotaResult(_ content: inout WireCursor) -> CheckResponse.QuotaResult? {
        var quota = CheckResponse.QuotaResult()
        let path = "quotas entry"
        readMessage(&content, path: path, depth: 1, schema: [1: .lengthDelimited, 2: .lengthDelimited]) { session, field, inner in
            switch field {
            case 1: quota.name = session.decodeString(inner, path: "\(path).key")
            case 2:
                session.readMessage(
                    &inner, path: "\(path).value", depth: 2,
                    schema: [1: .lengthDelimited, 2: .varint, 5: .lengthDelimited, 6: .lengthDelimited], varint: { _, field, value in
                    guard field == 2 else { return false }
                    quota.grantedAmount = Int64(bitPattern: value)
                    return true
                }, nested: { session, field, message in
                    switch field {
                    case 1: quota.validDuration = session.decodeDuration(&message, path: "\(path).valid_duration")
                    case 5: quota.referencedAttributes = session.decodeReferencedAttributes(&message, path: "\(path).referenced_attributes")
                    case 6: quota.status = session.decodeStatus(&message, path: "\(path).status")
                    default: return false
                    }
                    return true
                })
            default: return false
            }
            return true
        }
        return quota
    }
}
