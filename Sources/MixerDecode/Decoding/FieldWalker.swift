// The one field loop of the wire decoders: every binary message is read by
// `readFields` with its schema (`MessageSchema.swift`), so a rule about tags,
// unknown fields, wrong wire types or depth lives here once.

/// What a field handler did with its field.
enum FieldStep {
    /// Read: go on with the next field.
    case next
    /// End the message here without a failure to hand up: the handler
    /// reported why itself, or a decoding limit was reached.
    case stop
    /// The value is unreadable: the walk ends and returns this, for the
    /// caller to report with its own path or to hand up.
    case failed(WireFailure)
}

/// How the walk over a message's fields ended.
enum FieldsEnd {
    /// At the end of the message, or, in a message that holds entries, at
    /// the entry limit (`limitReached`).
    case complete
    /// A handler returned `.stop`.
    case stopped
    /// A tag or an unknown field's value was unreadable, or a handler failed.
    case failed(WireFailure)

    var failure: WireFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}

extension DecodeSession {
    /// Reads the fields of the message `cursor` spans, a level below the
    /// message being read, if any (`depth`). A field whose number and wire type
    /// `Field` has goes to `read` (the session, the field, the cursor at its
    /// value, the offset of its tag), which reads the value and moves the
    /// cursor past it. Any other field is noted as `unknown-field` under
    /// `path` (with the expected wire type when only that differs) and
    /// skipped. The walk ends at the first byte that cannot be read, as
    /// nothing after it can be trusted, and, in a message that holds entries
    /// (`MessageSchema.holdsEntries`), once `limitReached` is set.
    ///
    /// Inlined so that `read` and the schema's `switch` are specialised into
    /// each decoder: the record loop is the hot path of every request.
    @inline(__always)
    mutating func readFields<Field: MessageSchema>(
        _ cursor: inout WireCursor, as _: Field.Type, path: @autoclosure () -> String, record: Int?,
        _ read: (inout DecodeSession, Field, inout WireCursor, _ tagOffset: Int) -> FieldStep
    ) -> FieldsEnd {
        depth += 1
        defer { depth -= 1 }
        while !cursor.isAtEnd && !(Field.holdsEntries && limitReached) {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else { return .failed(.diagnose(.tag, at: cursor)) }
            let field = Field(rawValue: tag.fieldNumber)
            if let field, field.wireType == tag.wireType {
                switch read(&self, field, &cursor, tagOffset) {
                case .next: continue
                case .stop: return .stopped
                case .failed(let failure): return .failed(failure)
                }
            }
            if let failure = skipUnknown(
                tag, expected: field?.wireType, cursor: &cursor, tagOffset: tagOffset, path: path(), record: record)
            {
                return .failed(failure)
            }
        }
        return .complete
    }

    /// Notes and skips a field `readFields` does not read; returns why when
    /// its bytes are unreadable. Groups inside may nest as deep as the
    /// levels of `DecodeLimits.maxDepth` this message left. Out of line:
    /// healthy input never gets here.
    @inline(never)
    private mutating func skipUnknown(
        _ tag: FieldTag, expected: WireType?, cursor: inout WireCursor, tagOffset: Int, path: String, record: Int?
    ) -> WireFailure? {
        let noteAfterValue = unknownNoteAfterValue && (tag.wireType == .varint || tag.wireType == .lengthDelimited)
        if !noteAfterValue {
            reportUnknownField(tag, expected: expected, path: path, offset: tagOffset, record: record)
        }
        let outcome = FieldSkipper.skipValue(
            of: tag, cursor: &cursor, tagOffset: tagOffset, depthBudget: limits.maxDepth - depth)
        if case .failed(let failure) = outcome { return failure }
        if noteAfterValue {
            reportUnknownField(tag, expected: expected, path: path, offset: tagOffset, record: record)
        }
        return nil
    }
}

extension WireCursor {
    /// Reads a length prefix and steps over the bytes it announces: a
    /// cursor over them (a nested message, a string), or nil with the
    /// cursor left at the prefix when it cannot be read.
    @inline(__always)
    mutating func readLengthDelimited() -> WireCursor? {
        guard let length = readLength() else { return nil }
        let content = nested(length: length)
        position += length
        return content
    }
}
