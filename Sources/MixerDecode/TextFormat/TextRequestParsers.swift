/// Text-format parsers of the request messages, building the same model as
/// the wire decoder (`AttributeStorageBuilder`), so that everything after
/// parsing is shared with binary input.
extension TextFormatParser {
    static let semanticsNames: [String: Int32] = ["DELTA_ENCODING": 0, "INDEPENDENT_ENCODING": 1]

    /// `ReportRequest`.
    mutating func parseReportRequest() -> ReportRequest {
        var request = ReportRequest()
        var extents: [RecordExtent] = []
        _ = readFields(closer: nil, context: "ReportRequest", record: nil) { parser, name, offset in
            if name == "attributes" {
                let index = extents.count
                guard let closer = parser.beginMessage(context: "attributes[\(index)]", record: index) else {
                    parser.partialRecords.insert(index)
                    return true
                }
                extents.append(parser.parseCompressedAttributes(closer: closer, path: "attributes[\(index)]", record: index))
            } else if name == "default_words" {
                if let word = parser.readString(context: "default_words", record: nil) { request.defaultWords.append(word) }
            } else if name == "global_word_count" {
                if let count = parser.readUnsigned(max: UInt64(UInt32.max), context: "global_word_count", record: nil) {
                    request.globalWordCount = UInt32(count)
                }
            } else if name == "repeated_attributes_semantics" {
                request.repeatedAttributesSemantics = parser.readEnum(
                    Self.semanticsNames, context: "repeated_attributes_semantics", record: nil)
            } else {
                return false
            }
            return true
        }
        let storage = AttributeStorage(builder)
        request.records = extents.map { CompressedAttributes(storage: storage, extent: $0) }
        return request
    }

    /// One `CompressedAttributes` block, up to `closer`.
    mutating func parseCompressedAttributes(closer: UInt8, path: String, record: Int?) -> RecordExtent {
        let start = builder.mark()
        let opened = tokenizer.position
        _ = readFields(closer: closer, context: path, record: record) { parser, name, _ in
            parser.parseAttributeField(name, path: path, record: record)
        }
        var extent = builder.extent(since: start)
        // Where the record's text is, to find its entries for findings.
        extent.wireRange = opened..<max(opened, tokenizer.position)
        if notAsPrintedAt == nil, !builder.keysAscend(in: extent) { notAsPrintedAt = opened }
        return extent
    }

    /// One field of `CompressedAttributes`; false for a name it does not have.
    private mutating func parseAttributeField(_ name: FieldName, path: String, record: Int?) -> Bool {
        if name == "words" {
            if let word = readString(context: "\(path).words", record: record) { builder.words.append(word) }
            return true
        }
        return parseScalarMapEntry(name, path: path, record: record)
            || parseMessageMapEntry(name, path: path, record: record)
    }

    /// An entry of the maps whose values are scalars: strings (an index),
    /// int64s, doubles, bools.
    private mutating func parseScalarMapEntry(_ name: FieldName, path: String, record: Int?) -> Bool {
        if name == "strings" {
            if let entry = readCanonicalEntry(valueRange: CanonicalTextEntry.indexRange) {
                builder.strings.append(IndexPair(key: entry.key, value: Int32(truncatingIfNeeded: entry.value)))
            } else if let entry = parseEntry(path, "strings", record, Int32(0), { $0.readIndex(context: "value", record: record) }) {
                builder.strings.append(IndexPair(key: entry.key, value: entry.value))
            }
        } else if name == "int64s" {
            if let entry = readCanonicalEntry(valueRange: Int64.min...Int64.max) {
                builder.int64s.append(Int64Entry(key: entry.key, value: entry.value))
            } else if let entry = parseEntry(path, "int64s", record, Int64(0), {
                $0.readInteger(Int64.min...Int64.max, context: "value", record: record)
            }) {
                builder.int64s.append(Int64Entry(key: entry.key, value: entry.value))
            }
        } else if name == "doubles" {
            if let entry = parseEntry(path, "doubles", record, 0.0, { $0.readDouble(context: "value", record: record) }) {
                builder.doubles.append(DoubleEntry(key: entry.key, value: entry.value))
            }
        } else if name == "bools" {
            if let entry = parseEntry(path, "bools", record, false, { $0.readBool(context: "value", record: record) }) {
                builder.bools.append(BoolEntry(key: entry.key, value: entry.value))
            }
        } else {
            return false
        }
        return true
    }

    /// An entry of the maps whose values are messages or bytes: timestamps,
    /// durations, bytes, string_maps.
    private mutating func parseMessageMapEntry(_ name: FieldName, path: String, record: Int?) -> Bool {
        if name == "timestamps" {
            if let entry = readCanonicalSecondsAndNanosEntry() {
                builder.timestamps.append(TimestampEntry(
                    key: entry.key, value: ProtoTimestamp(seconds: entry.seconds, nanos: entry.nanos)))
            } else if let entry = parseEntry(path, "timestamps", record, (seconds: Int64(0), nanos: Int32(0)), {
                $0.parseSecondsAndNanos(context: "value", record: record)
            }) {
                builder.timestamps.append(TimestampEntry(
                    key: entry.key, value: ProtoTimestamp(seconds: entry.value.seconds, nanos: entry.value.nanos)))
            }
        } else if name == "durations" {
            if let entry = readCanonicalSecondsAndNanosEntry() {
                builder.durations.append(DurationEntry(
                    key: entry.key, value: ProtoDuration(seconds: entry.seconds, nanos: entry.nanos)))
            } else if let entry = parseEntry(path, "durations", record, (seconds: Int64(0), nanos: Int32(0)), {
                $0.parseSecondsAndNanos(context: "value", record: record)
            }) {
                builder.durations.append(DurationEntry(
                    key: entry.key, value: ProtoDuration(seconds: entry.value.seconds, nanos: entry.value.nanos)))
            }
        } else if name == "bytes" {
            if let entry = parseEntry(path, "bytes", record, [UInt8](), { $0.readBytes(context: "value", record: record) }) {
                builder.bytes.append(BytesEntry(key: entry.key, value: entry.value))
            }
        } else if name == "string_maps" {
            if let entry = readCanonicalStringMapEntry() {
                builder.stringMaps.append(entry)
            } else if let entry = parseEntry(path, "string_maps", record, [IndexPair](), {
                $0.parseStringMap(context: "\(path).string_maps value", record: record)
            }) {
                builder.stringMaps.append(StringMapEntry(key: entry.key, entries: entry.value))
            }
        } else {
            return false
        }
        return true
    }

    /// `{ key: K value: V }` with integer values, read by the fast path when
    /// written the canonical way; nil (nothing read) otherwise.
    mutating func readCanonicalEntry(valueRange: ClosedRange<Int64>) -> (key: Int32, value: Int64)? {
        guard let entry = CanonicalTextEntry.integerEntry(tokenizer.text, from: tokenizer.position, valueRange: valueRange)
        else { return nil }
        tokenizer.skip(to: entry.end)
        return (entry.key, entry.value)
    }

    /// `{ key: K value { seconds: S nanos: N } }` by the fast path, or nil (nothing read).
    mutating func readCanonicalSecondsAndNanosEntry() -> (key: Int32, seconds: Int64, nanos: Int32)? {
        guard let entry = CanonicalTextEntry.secondsAndNanosEntry(tokenizer.text, from: tokenizer.position)
        else { return nil }
        tokenizer.skip(to: entry.end)
        return (entry.key, entry.seconds, entry.nanos)
    }

    /// `{ key: K value { entries { key: K value: V } ... } }` by the fast path, or nil (nothing read).
    mutating func readCanonicalStringMapEntry() -> StringMapEntry? {
        guard let entry = CanonicalTextEntry.stringMapEntry(tokenizer.text, from: tokenizer.position) else { return nil }
        tokenizer.skip(to: entry.end)
        return StringMapEntry(key: entry.key, entries: entry.pairs)
    }

    /// A word index: an `sint32`.
    mutating func readIndex(context: @autoclosure () -> String, record: Int?) -> Int32? {
        readInteger(Int64(Int32.min)...Int64(Int32.max), context: context(), record: record).map { Int32($0) }
    }

    /// A map entry block `{ key: K value: V }`: either part may be missing
    /// (default kept) or repeated (last kept), as in the binary form. Returns
    /// nil when the block is cut or unreadable (the record is then partial).
    mutating func parseEntry<Value>(
        _ path: String, _ map: String, _ record: Int?, _ defaultValue: Value,
        _ readValue: (inout TextFormatParser) -> Value?
    ) -> (key: Int32, value: Value)? {
        guard let closer = beginMessage(context: "\(path).\(map) entry", record: record) else {
            if let record { partialRecords.insert(record) }
            return nil
        }
        var key: Int32 = 0
        var value = defaultValue
        var readable = true
        var seen = (key: false, value: false)
        let complete = readFields(closer: closer, context: "\(path).\(map) entry", record: record) { parser, name, offset in
            if name == "key" {
                // DebugString writes the key once, before the value.
                if seen.key || seen.value { parser.notAsPrintedAt = parser.notAsPrintedAt ?? offset }
                seen.key = true
                if let read = parser.readIndex(context: "\(path).\(map) key", record: record) { key = read } else { readable = false }
            } else if name == "value" {
                if seen.value { parser.notAsPrintedAt = parser.notAsPrintedAt ?? offset }
                seen.value = true
                if let read = readValue(&parser) { value = read } else { readable = false }
            } else {
                return false
            }
            return true
        }
        guard complete && readable else {
            if let record { partialRecords.insert(record) }
            return nil
        }
        return (key, value)
    }

    /// `google.protobuf.Timestamp` / `Duration` block: `{ seconds: S nanos: N }`.
    mutating func parseSecondsAndNanos(context: @autoclosure () -> String, record: Int?) -> (seconds: Int64, nanos: Int32)? {
        let place = context()
        guard let closer = beginMessage(context: place, record: record) else { return nil }
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        let complete = readFields(closer: closer, context: place, record: record) { parser, name, _ in
            if name == "seconds" {
                seconds = parser.readInteger(Int64.min...Int64.max, context: "\(place).seconds", record: record) ?? seconds
            } else if name == "nanos" {
                nanos = parser.readInteger(Int64(Int32.min)...Int64(Int32.max), context: "\(place).nanos", record: record)
                    .map { Int32($0) } ?? nanos
            } else {
                return false
            }
            return true
        }
        return complete ? (seconds, nanos) : nil
    }

    /// `StringMap { entries { key: K value: V } ... }` with index keys and values.
    mutating func parseStringMap(context: @autoclosure () -> String, record: Int?) -> [IndexPair]? {
        let place = context()
        guard let closer = beginMessage(context: place, record: record) else { return nil }
        var pairs: [IndexPair] = []
        let complete = readFields(closer: closer, context: place, record: record) { parser, name, _ in
            guard name == "entries" else { return false }
            if let pair = parser.readCanonicalEntry(valueRange: CanonicalTextEntry.indexRange) {
                pairs.append(IndexPair(key: pair.key, value: Int32(truncatingIfNeeded: pair.value)))
            } else if let pair = parser.parseEntry(place, "entries", record, Int32(0), {
                $0.readIndex(context: "value", record: record)
            }) {
                pairs.append(IndexPair(key: pair.key, value: pair.value))
            }
            return true
        }
        return complete ? pairs : nil
    }

    /// `CheckRequest`.
    mutating func parseCheckRequest() -> CheckRequest {
        var request = CheckRequest()
        var extent: RecordExtent?
        _ = readFields(closer: nil, context: "CheckRequest", record: nil) { parser, name, _ in
            if name == "attributes" {
                guard let closer = parser.beginMessage(context: "attributes", record: 0) else {
                    parser.partialRecords.insert(0)
                    return true
                }
                let part = parser.parseCompressedAttributes(closer: closer, path: "attributes", record: 0)
                extent = extent.map { $0.merged(with: part) } ?? part
            } else if name == "global_word_count" {
                if let count = parser.readUnsigned(max: UInt64(UInt32.max), context: "global_word_count", record: nil) {
                    request.globalWordCount = UInt32(count)
                }
            } else if name == "deduplication_id" {
                request.deduplicationID = parser.readString(context: "deduplication_id", record: nil) ?? ""
            } else if name == "quotas" {
                if let quota = parser.parseQuotaParams() { request.quotas.append(quota) }
            } else {
                return false
            }
            return true
        }
        request.attributes = CompressedAttributes(storage: AttributeStorage(builder), extent: extent ?? builder.mark())
        return request
    }

    private mutating func parseQuotaParams() -> CheckRequest.Quota? {
        guard let closer = beginMessage(context: "quotas entry", record: nil) else { return nil }
        var quota = CheckRequest.Quota(name: "", amount: 0, bestEffort: false)
        let complete = readFields(closer: closer, context: "quotas entry", record: nil) { parser, name, _ in
            if name == "key" {
                quota.name = parser.readString(context: "quotas key", record: nil) ?? ""
            } else if name == "value" {
                guard let inner = parser.beginMessage(context: "quotas value", record: nil) else { return true }
                _ = parser.readFields(closer: inner, context: "QuotaParams", record: nil) { parser, field, _ in
                    if field == "amount" {
                        quota.amount = parser.readInteger(Int64.min...Int64.max, context: "amount", record: nil) ?? 0
                    } else if field == "best_effort" {
                        quota.bestEffort = parser.readBool(context: "best_effort", record: nil) ?? false
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
}

extension RecordExtent {
    /// The extent covering this part and `next`, decoded right after it.
    func merged(with next: RecordExtent) -> RecordExtent {
        RecordExtent(
            wireRange: wireRange.lowerBound..<max(wireRange.upperBound, next.wireRange.upperBound),
            words: words.lowerBound..<next.words.upperBound,
            strings: strings.lowerBound..<next.strings.upperBound,
            int64s: int64s.lowerBound..<next.int64s.upperBound,
            doubles: doubles.lowerBound..<next.doubles.upperBound,
            bools: bools.lowerBound..<next.bools.upperBound,
            timestamps: timestamps.lowerBound..<next.timestamps.upperBound,
            durations: durations.lowerBound..<next.durations.upperBound,
            bytes: bytes.lowerBound..<next.bytes.upperBound,
            stringMaps: stringMaps.lowerBound..<next.stringMaps.upperBound)
    }
}
