/// Writes the message model back to the wire, as C++ protobuf serializes it:
/// fields in number order, proto3 defaults left out, map entries in the
/// model's order with both key and value written (as map entries always are).
/// A message protoc encoded deterministically comes back byte for byte.
///
///     let bytes = WireEncoder.encode(WireDecoder().decodeReportRequest(input).message)
public enum WireEncoder {
    public static func encode(_ report: ReportRequest) -> [UInt8] {
        var writer = WireWriter()
        for record in report.records {
            writer.messageField(1) { write(record, to: &$0) }
        }
        for word in report.defaultWords { writer.stringField(2, word) }
        if report.globalWordCount != 0 { writer.varintField(3, UInt64(report.globalWordCount)) }
        if let semantics = report.repeatedAttributesSemantics, semantics != 0 {
            writer.int64Field(4, Int64(semantics))
        }
        return writer.bytes
    }

    public static func encode(_ check: CheckRequest) -> [UInt8] {
        var writer = WireWriter()
        if check.attributes.entryCount > 0 || !check.attributes.words.isEmpty {
            writer.messageField(1) { write(check.attributes, to: &$0) }
        }
        if check.globalWordCount != 0 { writer.varintField(2, UInt64(check.globalWordCount)) }
        if !check.deduplicationID.isEmpty { writer.stringField(3, check.deduplicationID) }
        for quota in check.quotas {
            writer.messageField(4) { entry in
                entry.stringField(1, quota.name)
                entry.messageField(2) { params in
                    if quota.amount != 0 { params.int64Field(1, quota.amount) }
                    if quota.bestEffort { params.varintField(2, 1) }
                }
            }
        }
        return writer.bytes
    }

    /// A bare `CompressedAttributes`.
    public static func encode(_ record: CompressedAttributes) -> [UInt8] {
        var writer = WireWriter()
        write(record, to: &writer)
        return writer.bytes
    }

    static func write(_ record: CompressedAttributes, to writer: inout WireWriter) {
        for word in record.words { writer.stringField(1, word) }
        for entry in record.strings {
            writer.messageField(2) { $0.sint32Field(1, entry.key); $0.sint32Field(2, entry.value) }
        }
        for entry in record.int64s {
            writer.messageField(3) { $0.sint32Field(1, entry.key); $0.int64Field(2, entry.value) }
        }
        for entry in record.doubles {
            writer.messageField(4) { $0.sint32Field(1, entry.key); $0.fixed64Field(2, entry.value.bitPattern) }
        }
        for entry in record.bools {
            writer.messageField(5) { $0.sint32Field(1, entry.key); $0.varintField(2, entry.value ? 1 : 0) }
        }
        for entry in record.timestamps {
            writer.messageField(6) { map in
                map.sint32Field(1, entry.key)
                map.messageField(2) { writeTime(seconds: entry.value.seconds, nanos: entry.value.nanos, to: &$0) }
            }
        }
        for entry in record.durations {
            writer.messageField(7) { map in
                map.sint32Field(1, entry.key)
                map.messageField(2) { writeTime(seconds: entry.value.seconds, nanos: entry.value.nanos, to: &$0) }
            }
        }
        for entry in record.bytes {
            writer.messageField(8) { $0.sint32Field(1, entry.key); $0.bytesField(2, entry.value) }
        }
        for entry in record.stringMaps {
            writer.messageField(9) { map in
                map.sint32Field(1, entry.key)
                map.messageField(2) { stringMap in
                    for pair in entry.entries {
                        stringMap.messageField(1) { $0.sint32Field(1, pair.key); $0.sint32Field(2, pair.value) }
                    }
                }
            }
        }
    }

    /// `Timestamp` / `Duration`: `int64 seconds = 1; int32 nanos = 2`, zeros left out.
    private static func writeTime(seconds: Int64, nanos: Int32, to writer: inout WireWriter) {
        if seconds != 0 { writer.int64Field(1, seconds) }
        if nanos != 0 { writer.int64Field(2, Int64(nanos)) }
    }
}
