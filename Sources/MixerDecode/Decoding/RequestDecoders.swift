/// Decoding of the top-level request messages.
///
/// A record whose length prefix runs past the end of the input (a cut
/// capture) is still decoded as far as the bytes go and marked partial.
extension DecodeSession {
    /// Reads a length-delimited field's bytes. On a length that runs past the
    /// end, reports truncation and, when `keepCutContent`, returns a cursor
    /// over whatever is there so the caller can decode it as partial.
    mutating func readNested(
        _ cursor: inout WireCursor, path: @autoclosure () -> String, record: Int?, keepCutContent: Bool
    ) -> (content: WireCursor, isCut: Bool)? {
        if let length = cursor.readLength() {
            let content = cursor.nested(length: length)
            cursor.position += length
            return (content, false)
        }
        let failure = WireFailure.diagnose(.length, at: cursor)
        report(failure, path: path(), record: record)
        if stoppedAt == nil { stoppedAt = failure.offset }
        guard keepCutContent, failure.kind == .truncated else { return nil }
        var afterPrefix = cursor
        _ = afterPrefix.readVarint()
        cursor.position = cursor.end
        return (afterPrefix, true)
    }

    /// Notes and skips an unknown top-level field; false when it is unreadable.
    mutating func skipTopLevel(
        _ tag: FieldTag, known: Bool, expected: WireType?, cursor: inout WireCursor, tagOffset: Int, path: String
    ) -> Bool {
        if let failure = skipUnknown(
            tag, expected: known ? expected.map { "\($0)" } : nil, cursor: &cursor, tagOffset: tagOffset,
            depth: 0, path: path, record: nil)
        {
            report(failure, path: path, record: nil)
            return false
        }
        return true
    }

    mutating func decodeReportRequest(_ cursor: inout WireCursor) -> ReportRequest {
        var extents: [RecordExtent] = []
        var request = ReportRequest()
        // Most of a Report is `strings` entries of 6 to 8 bytes: room for
        // them up front spares the array its repeated growth and copies.
        builder.strings.reserveCapacity(min(cursor.remaining / 8, limits.maxEntries))
        // Any field that cannot be read ends the loop: nothing after it can be trusted.
        fields: while !cursor.isAtEnd && !limitReached {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else {
                report(.diagnose(.tag, at: cursor), path: "ReportRequest", record: nil)
                break fields
            }
            switch (tag.fieldNumber, tag.wireType) {
            case (1, .lengthDelimited):
                let index = extents.count
                let path = RecordPath(reportIndex: index)
                guard case (var content, let isCut)? = readNested(&cursor, path: path.text, record: index, keepCutContent: true)
                else { break fields }
                extents.append(decodeCompressedAttributes(&content, path: path, record: index, depth: 1))
                if isCut { partialRecords.insert(index) }
            case (2, .lengthDelimited):
                let path = { "default_words[\(request.defaultWords.count)]" }
                guard let (content, _) = readNested(&cursor, path: path(), record: nil, keepCutContent: false)
                else { break fields }
                request.defaultWords.append(
                    string(from: content, range: content.position..<content.end, path: path(), record: nil))
            case (3, .varint):
                guard let raw = cursor.readVarint() else {
                    report(.diagnose(.varint, at: cursor), path: "global_word_count", record: nil)
                    break fields
                }
                request.globalWordCount = UInt32(truncatingIfNeeded: raw)
            case (4, .varint):
                guard let raw = cursor.readVarint() else {
                    report(.diagnose(.varint, at: cursor), path: "repeated_attributes_semantics", record: nil)
                    break fields
                }
                request.repeatedAttributesSemantics = Int32(truncatingIfNeeded: raw)
            default:
                let expected: [UInt32: WireType] = [1: .lengthDelimited, 2: .lengthDelimited, 3: .varint, 4: .varint]
                guard skipTopLevel(
                    tag, known: expected[tag.fieldNumber] != nil, expected: expected[tag.fieldNumber],
                    cursor: &cursor, tagOffset: tagOffset, path: "ReportRequest")
                else { break fields }
            }
        }
        noteStop(cursor)
        let storage = AttributeStorage(builder)
        request.records = extents.map { CompressedAttributes(storage: storage, extent: $0) }
        return request
    }

    mutating func decodeCheckRequest(_ cursor: inout WireCursor) -> CheckRequest {
        var request = CheckRequest()
        var attributesExtent: RecordExtent?
        // Any field that cannot be read ends the loop: nothing after it can be trusted.
        fields: while !cursor.isAtEnd && !limitReached {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else {
                report(.diagnose(.tag, at: cursor), path: "CheckRequest", record: nil)
                break fields
            }
            switch (tag.fieldNumber, tag.wireType) {
            case (1, .lengthDelimited):
                // A message field sent twice is merged (protobuf rule): the
                // second part lands right after the first in the builder.
                guard case (var content, let isCut)? = readNested(&cursor, path: "attributes", record: 0, keepCutContent: true)
                else { break fields }
                let part = decodeCompressedAttributes(&content, path: RecordPath(), record: 0, depth: 1)
                attributesExtent = attributesExtent.map { $0.merged(with: part) } ?? part
                if isCut { partialRecords.insert(0) }
            case (2, .varint):
                guard let raw = cursor.readVarint() else {
                    report(.diagnose(.varint, at: cursor), path: "global_word_count", record: nil)
                    break fields
                }
                request.globalWordCount = UInt32(truncatingIfNeeded: raw)
            case (3, .lengthDelimited):
                guard let (content, _) = readNested(&cursor, path: "deduplication_id", record: nil, keepCutContent: false)
                else { break fields }
                request.deduplicationID = string(
                    from: content, range: content.position..<content.end, path: "deduplication_id", record: nil)
            case (4, .lengthDelimited):
                let path = "quotas entry \(request.quotas.count)"
                guard case (var content, _)? = readNested(&cursor, path: path, record: nil, keepCutContent: false)
                else { break fields }
                if let quota = decodeQuota(&content, path: path) { request.quotas.append(quota) }
            default:
                let expected: [UInt32: WireType] = [1: .lengthDelimited, 2: .varint, 3: .lengthDelimited, 4: .lengthDelimited]
                guard skipTopLevel(
                    tag, known: expected[tag.fieldNumber] != nil, expected: expected[tag.fieldNumber],
                    cursor: &cursor, tagOffset: tagOffset, path: "CheckRequest")
                else { break fields }
            }
        }
        noteStop(cursor)
        let storage = AttributeStorage(builder)
        request.attributes = CompressedAttributes(storage: storage, extent: attributesExtent ?? builder.mark())
        return request
    }

    /// `map<string, QuotaParams>` entry; `QuotaParams { int64 amount = 1; bool best_effort = 2; }`.
    private mutating func decodeQuota(_ entry: inout WireCursor, path: String) -> CheckRequest.Quota? {
        var quota = CheckRequest.Quota(name: "", amount: 0, bestEffort: false)
        while !entry.isAtEnd {
            let tagOffset = entry.position
            guard let tag = entry.readTag() else {
                report(.diagnose(.tag, at: entry), path: path, record: nil)
                return nil
            }
            switch (tag.fieldNumber, tag.wireType) {
            case (1, .lengthDelimited):
                guard let (content, _) = readNested(&entry, path: path, record: nil, keepCutContent: false)
                else { return nil }
                quota.name = string(from: content, range: content.position..<content.end, path: path, record: nil)
            case (2, .lengthDelimited):
                guard case (var params, _)? = readNested(&entry, path: path, record: nil, keepCutContent: false)
                else { return nil }
                while !params.isAtEnd {
                    let paramOffset = params.position
                    guard let paramTag = params.readTag() else {
                        report(.diagnose(.tag, at: params), path: path, record: nil)
                        return nil
                    }
                    if paramTag.wireType == .varint && (paramTag.fieldNumber == 1 || paramTag.fieldNumber == 2) {
                        guard let raw = params.readVarint() else {
                            report(.diagnose(.varint, at: params), path: path, record: nil)
                            return nil
                        }
                        if paramTag.fieldNumber == 1 { quota.amount = Int64(bitPattern: raw) } else { quota.bestEffort = raw != 0 }
                    } else if let failure = skipUnknown(
                        paramTag, expected: Self.expected(paramTag, [1: .varint, 2: .varint]), cursor: &params,
                        tagOffset: paramOffset, depth: 3, path: path, record: nil)
                    {
                        report(failure, path: path, record: nil)
                        return nil
                    }
                }
            default:
                if let failure = skipUnknown(
                    tag, expected: Self.expected(tag, [1: .lengthDelimited, 2: .lengthDelimited]), cursor: &entry,
                    tagOffset: tagOffset, depth: 2, path: path, record: nil)
                {
                    report(failure, path: path, record: nil)
                    return nil
                }
            }
        }
        return quota
    }
}
