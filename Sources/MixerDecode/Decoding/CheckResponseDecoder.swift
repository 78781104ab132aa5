/// Decoding of `CheckResponse` from the wire (`MessageSchema+CheckResponse.swift`).
/// Damage inside a nested message is reported under its path and that
/// message is left at what was read; the message around it goes on.
extension DecodeSession {
    mutating func decodeCheckResponse(_ cursor: inout WireCursor) -> CheckResponse {
        var response = CheckResponse()
        unknownNoteAfterValue = true
        defer { unknownNoteAfterValue = false }
        let end = readFields(&cursor, as: CheckResponseField.self, path: "CheckResponse", record: nil) {
            session, field, cursor, _ in
            guard var content = cursor.readLengthDelimited() else { return .failed(.diagnose(.length, at: cursor)) }
            switch field {
            case .precondition: response.precondition = session.decodePrecondition(&content, path: field.name)
            case .quotas: response.quotas.append(session.decodeQuotaResult(&content, path: "\(field.name) entry"))
            }
            return .next
        }
        reportFailure(of: end, path: "CheckResponse")
        noteStop(cursor)
        return response
    }

    /// Reports why the walk over a message of the response ended early, if it did.
    private mutating func reportFailure(of end: FieldsEnd, path: String) {
        if let failure = end.failure { report(failure, path: path, record: nil) }
    }

    private mutating func decodePrecondition(_ content: inout WireCursor, path: String) -> CheckResponse.Precondition {
        var precondition = CheckResponse.Precondition()
        let end = readFields(&content, as: PreconditionField.self, path: path, record: nil) { session, field, content, _ in
            if field == .validUseCount {
                guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
                precondition.validUseCount = Int32(truncatingIfNeeded: raw)
                return .next
            }
            guard var inner = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            let path = "\(path).\(field.name)"
            switch field {
            case .status: precondition.status = session.decodeStatus(&inner, path: path)
            case .validDuration: precondition.validDuration = session.decodeDuration(&inner, path: path)
            case .referencedAttributes: precondition.referencedAttributes = session.decodeReferencedAttributes(&inner, path: path)
            case .routeDirective: precondition.routeDirective = session.decodeRouteDirective(&inner, path: path)
            case .validUseCount: break
            }
            return .next
        }
        reportFailure(of: end, path: path)
        return precondition
    }

    /// A `quotas` entry: the name (key) and its `QuotaResult` (value).
    private mutating func decodeQuotaResult(_ content: inout WireCursor, path: String) -> CheckResponse.QuotaResult {
        var quota = CheckResponse.QuotaResult()
        let end = readFields(&content, as: StringMapEntryField.self, path: path, record: nil) { session, field, content, _ in
            guard var inner = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            switch field {
            case .key: quota.name = session.string(of: inner, path: "\(path).\(field.name)", record: nil)
            case .value: session.decodeQuotaValue(&inner, into: &quota, path: path)
            }
            return .next
        }
        reportFailure(of: end, path: path)
        return quota
    }

    /// The `QuotaResult` of the entry named by `path` ("quotas entry"); its
    /// members are named after the entry, not after the value.
    private mutating func decodeQuotaValue(_ content: inout WireCursor, into quota: inout CheckResponse.QuotaResult, path: String) {
        let end = readFields(&content, as: QuotaResultField.self, path: "\(path).value", record: nil) {
            session, field, content, _ in
            if field == .grantedAmount {
                guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
                quota.grantedAmount = Int64(bitPattern: raw)
                return .next
            }
            guard var inner = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            let path = "\(path).\(field.name)"
            switch field {
            case .validDuration: quota.validDuration = session.decodeDuration(&inner, path: path)
            case .referencedAttributes: quota.referencedAttributes = session.decodeReferencedAttributes(&inner, path: path)
            case .status: quota.status = session.decodeStatus(&inner, path: path)
            case .grantedAmount: break
            }
            return .next
        }
        reportFailure(of: end, path: "\(path).value")
    }

    private mutating func decodeDuration(_ content: inout WireCursor, path: String) -> ProtoDuration {
        let time = decodeSecondsAndNanos(&content, path: path, record: nil)
        reportFailure(of: time.end, path: path)
        return ProtoDuration(seconds: time.seconds, nanos: time.nanos)
    }

    private mutating func decodeStatus(_ content: inout WireCursor, path: String) -> CheckResponse.Status {
        var status = CheckResponse.Status()
        let end = readFields(&content, as: StatusField.self, path: path, record: nil) { session, field, content, tagOffset in
            switch field {
            case .code:
                guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
                status.code = Int32(truncatingIfNeeded: raw)
            case .message:
                guard let text = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
                status.message = session.string(of: text, path: "\(path).\(field.name)", record: nil)
            case .details:
                // A google.protobuf.Any, for which the model has no place:
                // said and skipped, as the text reader skips it.
                guard content.readLengthDelimited() != nil else { return .failed(.diagnose(.length, at: content)) }
                session.add(Finding(
                    code: .unknownField, severity: .note,
                    message: "\(path).details: a google.protobuf.Any, which mixerdecode does not decode; skipped, at byte \(session.inInput(tagOffset))",
                    at: .byte(session.inInput(tagOffset))))
            }
            return .next
        }
        reportFailure(of: end, path: path)
        return status
    }

    private mutating func decodeReferencedAttributes(_ content: inout WireCursor, path: String) -> ReferencedAttributes {
        var referenced = ReferencedAttributes()
        let end = readFields(&content, as: ReferencedAttributesField.self, path: path, record: nil) {
            session, field, content, _ in
            guard var inner = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            switch field {
            case .words: referenced.words.append(session.string(of: inner, path: "\(path).\(field.name)", record: nil))
            case .attributeMatches: referenced.matches.append(session.decodeAttributeMatch(&inner, in: path))
            }
            return .next
        }
        reportFailure(of: end, path: path)
        return referenced
    }

    /// An `attribute_matches` element of the `ReferencedAttributes` at
    /// `referenced` (whose path its regex is reported under).
    private mutating func decodeAttributeMatch(
        _ content: inout WireCursor, in referenced: String
    ) -> ReferencedAttributes.AttributeMatch {
        var match = ReferencedAttributes.AttributeMatch()
        let path = "\(referenced).\(ReferencedAttributesField.attributeMatches.name)"
        let end = readFields(&content, as: AttributeMatchField.self, path: path, record: nil) { session, field, content, _ in
            if field == .regex {
                guard let text = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
                match.regex = session.string(of: text, path: "\(referenced).\(field.name)", record: nil)
                return .next
            }
            guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
            switch field {
            case .name: match.name = ZigZag.decode32(raw)
            case .condition: match.condition = Int32(truncatingIfNeeded: raw)
            case .mapKey: match.mapKey = ZigZag.decode32(raw)
            case .regex: break
            }
            return .next
        }
        reportFailure(of: end, path: path)
        return match
    }

    private mutating func decodeRouteDirective(_ content: inout WireCursor, path: String) -> RouteDirective {
        var directive = RouteDirective()
        let end = readFields(&content, as: RouteDirectiveField.self, path: path, record: nil) { session, field, content, _ in
            if field == .directResponseCode {
                guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
                directive.directResponseCode = UInt32(truncatingIfNeeded: raw)
                return .next
            }
            guard var inner = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            switch field {
            case .requestHeaderOperations: directive.requestHeaderOperations.append(session.decodeHeaderOperation(&inner, in: path))
            case .responseHeaderOperations: directive.responseHeaderOperations.append(session.decodeHeaderOperation(&inner, in: path))
            case .directResponseBody: directive.directResponseBody = session.string(of: inner, path: "\(path).\(field.name)", record: nil)
            case .directResponseCode: break
            }
            return .next
        }
        reportFailure(of: end, path: path)
        return directive
    }

    /// A header operation of the `RouteDirective` at `directive`: findings
    /// about it are named "header_operation", and its strings after the
    /// directive ("precondition.route_directive.name").
    private mutating func decodeHeaderOperation(
        _ content: inout WireCursor, in directive: String
    ) -> RouteDirective.HeaderOperation {
        var operation = RouteDirective.HeaderOperation()
        let path = "\(directive).header_operation"
        let end = readFields(&content, as: HeaderOperationField.self, path: path, record: nil) { session, field, content, _ in
            if field == .operation {
                guard let raw = content.readVarint() else { return .failed(.diagnose(.varint, at: content)) }
                operation.operation = Int32(truncatingIfNeeded: raw)
                return .next
            }
            guard let text = content.readLengthDelimited() else { return .failed(.diagnose(.length, at: content)) }
            let value = session.string(of: text, path: "\(directive).\(field.name)", record: nil)
            if field == .name { operation.name = value } else { operation.value = value }
            return .next
        }
        reportFailure(of: end, path: path)
        return operation
    }
}
