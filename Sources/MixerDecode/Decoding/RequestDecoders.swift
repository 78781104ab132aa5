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
        if let content = cursor.readLengthDelimited() { return (content, false) }
        let failure = WireFailure.diagnose(.length, at: cursor)
        report(failure, path: path(), record: record)
        if stoppedAt == nil { stoppedAt = failure.offset }
        guard keepCutContent, failure.kind == .truncated else { return nil }
        var afterPrefix = cursor
        _ = afterPrefix.readVarint()
        cursor.position = cursor.end
        return (afterPrefix, true)
    }

    /// Reads a varint field of the top-level message; when it cannot be
    /// read, reports that under the field's name ("global_word_count").
    mutating func readTopLevelVarint<Field: MessageSchema>(_ cursor: inout WireCursor, _ field: Field) -> UInt64? {
        if let raw = cursor.readVarint() { return raw }
        report(.diagnose(.varint, at: cursor), path: field.name, record: nil)
        return nil
    }

    /// The string in `content`, a whole length-delimited field.
    mutating func string(of content: WireCursor, path: @autoclosure () -> String, record: Int?) -> String {
        string(from: content, range: content.position..<content.end, path: path(), record: record)
    }

    mutating func decodeReportRequest(_ cursor: inout WireCursor) -> ReportRequest {
        var extents: [RecordExtent] = []
        var request = ReportRequest()
        // Most of a Report is `strings` entries of 6 to 8 bytes: room for
        // them up front spares the array its repeated growth and copies.
        builder.strings.reserveCapacity(min(cursor.remaining / 8, limits.maxEntries))
        let end = readFields(&cursor, as: ReportRequestField.self, path: "ReportRequest", record: nil) {
            session, field, cursor, _ in
            switch field {
            case .attributes:
                let index = extents.count
                let path = RecordPath(reportIndex: index)
                guard case (var content, let isCut)? = session.readNested(
                    &cursor, path: path.text, record: index, keepCutContent: true)
                else { return .stop }
                extents.append(session.decodeCompressedAttributes(&content, path: path, record: index))
                if isCut { session.partialRecords.insert(index) }
            case .defaultWords:
                let index = request.defaultWords.count
                guard let (content, _) = session.readNested(
                    &cursor, path: "\(field.name)[\(index)]", record: nil, keepCutContent: false)
                else { return .stop }
                request.defaultWords.append(session.string(of: content, path: "\(field.name)[\(index)]", record: nil))
            case .globalWordCount:
                guard let raw = session.readTopLevelVarint(&cursor, field) else { return .stop }
                request.globalWordCount = UInt32(truncatingIfNeeded: raw)
            case .repeatedAttributesSemantics:
                guard let raw = session.readTopLevelVarint(&cursor, field) else { return .stop }
                request.repeatedAttributesSemantics = Int32(truncatingIfNeeded: raw)
            }
            return .next
        }
        if let failure = end.failure { report(failure, path: "ReportRequest", record: nil) }
        noteStop(cursor)
        let storage = AttributeStorage(builder)
        request.records = extents.map { CompressedAttributes(storage: storage, extent: $0) }
        return request
    }

    mutating func decodeCheckRequest(_ cursor: inout WireCursor) -> CheckRequest {
        var request = CheckRequest()
        var attributesExtent: RecordExtent?
        let end = readFields(&cursor, as: CheckRequestField.self, path: "CheckRequest", record: nil) {
            session, field, cursor, _ in
            switch field {
            case .attributes:
                // A message field sent twice is merged (protobuf rule): the
                // second part lands right after the first in the builder.
                guard case (var content, let isCut)? = session.readNested(
                    &cursor, path: field.name, record: 0, keepCutContent: true)
                else { return .stop }
                let part = session.decodeCompressedAttributes(&content, path: RecordPath(), record: 0)
                attributesExtent = attributesExtent.map { $0.merged(with: part) } ?? part
                if isCut { session.partialRecords.insert(0) }
            case .globalWordCount:
                guard let raw = session.readTopLevelVarint(&cursor, field) else { return .stop }
                request.globalWordCount = UInt32(truncatingIfNeeded: raw)
            case .deduplicationID:
                guard let (content, _) = session.readNested(&cursor, path: field.name, record: nil, keepCutContent: false)
                else { return .stop }
                request.deduplicationID = session.string(of: content, path: field.name, record: nil)
            case .quotas:
                // The path is built only for a finding: a Check may hold many quotas.
                let index = request.quotas.count
                guard case (var content, _)? = session.readNested(
                    &cursor, path: "\(field.name) entry \(index)", record: nil, keepCutContent: false)
                else { return .stop }
                if let quota = session.decodeQuota(&content, path: "\(field.name) entry \(index)") {
                    request.quotas.append(quota)
                }
            }
            return .next
        }
        if let failure = end.failure { report(failure, path: "CheckRequest", record: nil) }
        noteStop(cursor)
        let storage = AttributeStorage(builder)
        request.attributes = CompressedAttributes(storage: storage, extent: attributesExtent ?? builder.mark())
        return request
    }

    /// A `quotas` entry (`QuotaParamsField`), or nil when part of it cannot
    /// be read (reported under `path`).
    private mutating func decodeQuota(_ entry: inout WireCursor, path: @autoclosure () -> String) -> CheckRequest.Quota? {
        var quota = CheckRequest.Quota(name: "", amount: 0, bestEffort: false)
        let end = readFields(&entry, as: StringMapEntryField.self, path: path(), record: nil) { session, field, entry, _ in
            guard case (var content, _)? = session.readNested(&entry, path: path(), record: nil, keepCutContent: false)
            else { return .stop }
            switch field {
            case .key:
                quota.name = session.string(of: content, path: path(), record: nil)
            case .value:
                let params = session.readFields(&content, as: QuotaParamsField.self, path: path(), record: nil) {
                    _, field, params, _ in
                    guard let raw = params.readVarint() else { return .failed(.diagnose(.varint, at: params)) }
                    switch field {
                    case .amount: quota.amount = Int64(bitPattern: raw)
                    case .bestEffort: quota.bestEffort = raw != 0
                    }
                    return .next
                }
                if let failure = params.failure { return .failed(failure) }
            }
            return .next
        }
        switch end {
        case .complete: return quota
        case .stopped: return nil
        case .failed(let failure):
            report(failure, path: path(), record: nil)
            return nil
        }
    }
}
