/// Writes the message model back to the wire, as C++ protobuf serializes it:
/// fields in number order, proto3 defaults left out, map entries in the
/// model's order with both key and value written (as map entries always are).
/// A message protoc encoded deterministically comes back byte for byte.
///
///     let bytes = WireEncoder.encode(WireDecoder().decodeReportRequest(input).message)
public enum WireEncoder {
    public static func encode(_ report: ReportRequest) -> [UInt8] {
        typealias Field = ReportRequestField
        var writer = WireWriter()
        for record in report.records {
            writer.messageField(Field.attributes) { write(record, to: &$0) }
        }
        for word in report.defaultWords { writer.stringField(Field.defaultWords, word) }
        if report.globalWordCount != 0 { writer.varintField(Field.globalWordCount, UInt64(report.globalWordCount)) }
        if let semantics = report.repeatedAttributesSemantics, semantics != 0 {
            writer.int64Field(Field.repeatedAttributesSemantics, Int64(semantics))
        }
        return writer.bytes
    }

    public static func encode(_ check: CheckRequest) -> [UInt8] {
        typealias Field = CheckRequestField
        var writer = WireWriter()
        if check.attributes.entryCount > 0 || !check.attributes.words.isEmpty {
            writer.messageField(Field.attributes) { write(check.attributes, to: &$0) }
        }
        if check.globalWordCount != 0 { writer.varintField(Field.globalWordCount, UInt64(check.globalWordCount)) }
        if !check.deduplicationID.isEmpty { writer.stringField(Field.deduplicationID, check.deduplicationID) }
        for quota in check.quotas {
            writer.messageField(Field.quotas) { entry in
                entry.stringField(StringMapEntryField.key, quota.name)
                entry.messageField(StringMapEntryField.value) { params in
                    if quota.amount != 0 { params.int64Field(QuotaParamsField.amount, quota.amount) }
                    if quota.bestEffort { params.varintField(QuotaParamsField.bestEffort, 1) }
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
        for word in record.words { writer.stringField(CompressedAttributesField.words, word) }
        for entry in record.strings {
            writer.indexMapEntry(.strings, SInt32Value.self, key: entry.key) { $0.sint32Field($1, entry.value) }
        }
        for entry in record.int64s {
            writer.indexMapEntry(.int64s, Int64Value.self, key: entry.key) { $0.int64Field($1, entry.value) }
        }
        for entry in record.doubles {
            writer.indexMapEntry(.doubles, DoubleValue.self, key: entry.key) { $0.fixed64Field($1, entry.value.bitPattern) }
        }
        for entry in record.bools {
            writer.indexMapEntry(.bools, BoolValue.self, key: entry.key) { $0.varintField($1, entry.value ? 1 : 0) }
        }
        for entry in record.timestamps {
            writer.indexMapEntry(.timestamps, SecondsAndNanosValue.self, key: entry.key) {
                $0.messageField($1) { writeTime(seconds: entry.value.seconds, nanos: entry.value.nanos, to: &$0) }
            }
        }
        for entry in record.durations {
            writer.indexMapEntry(.durations, SecondsAndNanosValue.self, key: entry.key) {
                $0.messageField($1) { writeTime(seconds: entry.value.seconds, nanos: entry.value.nanos, to: &$0) }
            }
        }
        for entry in record.bytes {
            writer.indexMapEntry(.bytes, BytesValue.self, key: entry.key) { $0.bytesField($1, entry.value) }
        }
        for entry in record.stringMaps {
            writer.indexMapEntry(.stringMaps, StringMapValue.self, key: entry.key) { map, value in
                map.messageField(value) { stringMap in
                    for pair in entry.entries {
                        stringMap.messageField(StringMapField.entries) {
                            $0.sint32Field(IndexMapEntryField<SInt32Value>.key, pair.key)
                            $0.sint32Field(IndexMapEntryField<SInt32Value>.value, pair.value)
                        }
                    }
                }
            }
        }
    }

    /// `Timestamp` / `Duration` (`SecondsAndNanosField`), zeros left out.
    static func writeTime(seconds: Int64, nanos: Int32, to writer: inout WireWriter) {
        if seconds != 0 { writer.int64Field(SecondsAndNanosField.seconds, seconds) }
        if nanos != 0 { writer.int64Field(SecondsAndNanosField.nanos, Int64(nanos)) }
    }
}
