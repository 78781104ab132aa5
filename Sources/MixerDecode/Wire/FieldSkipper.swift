/// Skips one field the decoder does not use, whatever its wire type.
///
/// Groups (deprecated, but legal on the wire) are skipped up to their
/// matching end-group tag; nested groups spend `depthBudget`, so hostile
/// input cannot recurse without bound (protobuf's default limit is 100).
enum FieldSkipper {
    enum Outcome: Equatable {
        case skipped
        case failed(WireFailure)
    }

    /// Skips the value of a field whose tag (starting at `tagOffset`) was just read.
    static func skipValue(of tag: FieldTag, cursor: inout WireCursor, tagOffset: Int, depthBudget: Int) -> Outcome {
        switch tag.wireType {
        case .varint:
            if cursor.readVarint() == nil { return .failed(.diagnose(.varint, at: cursor)) }
        case .fixed64:
            if cursor.readFixed64() == nil { return .failed(.diagnose(.fixed64, at: cursor)) }
        case .fixed32:
            if cursor.readFixed32() == nil { return .failed(.diagnose(.fixed32, at: cursor)) }
        case .lengthDelimited:
            guard let length = cursor.readLength() else { return .failed(.diagnose(.length, at: cursor)) }
            cursor.position += length
        case .startGroup:
            return skipGroup(fieldNumber: tag.fieldNumber, cursor: &cursor, tagOffset: tagOffset, depthBudget: depthBudget)
        case .endGroup:
            return .failed(WireFailure(
                kind: .malformed, reason: "end-group tag of field \(tag.fieldNumber) without a start",
                offset: tagOffset))
        }
        return .skipped
    }

    /// Skips a group body through its end-group tag. Nested groups are
    /// tracked on an explicit stack of field numbers, not by recursion, so no
    /// depth limit can exhaust the call stack.
    private static func skipGroup(
        fieldNumber: UInt32, cursor: inout WireCursor, tagOffset: Int, depthBudget: Int
    ) -> Outcome {
        guard depthBudget > 0 else {
            return .failed(WireFailure(
                kind: .limitExceeded, reason: "group of field \(fieldNumber) nested deeper than the depth limit",
                offset: tagOffset))
        }
        var open: [UInt32] = [fieldNumber]
        while let innermost = open.last {
            let innerOffset = cursor.position
            guard !cursor.isAtEnd else {
                return .failed(WireFailure(
                    kind: WireFailure.overrunKind(cursor),
                    reason: "group of field \(innermost) has no end-group tag before \(WireFailure.endName(cursor))",
                    offset: innerOffset))
            }
            guard let inner = cursor.readTag() else { return .failed(.diagnose(.tag, at: cursor)) }
            switch inner.wireType {
            case .endGroup:
                guard inner.fieldNumber == innermost else {
                    return .failed(WireFailure(
                        kind: .malformed,
                        reason: "end-group tag of field \(inner.fieldNumber) closes a group of field \(innermost)",
                        offset: innerOffset))
                }
                open.removeLast()
            case .startGroup:
                guard open.count < depthBudget else {
                    return .failed(WireFailure(
                        kind: .limitExceeded, reason: "group of field \(inner.fieldNumber) nested deeper than the depth limit",
                        offset: innerOffset))
                }
                open.append(inner.fieldNumber)
            default:
                let outcome = skipValue(of: inner, cursor: &cursor, tagOffset: innerOffset, depthBudget: 0)
                if case .failed = outcome { return outcome }
            }
        }
        return .skipped
    }
}
