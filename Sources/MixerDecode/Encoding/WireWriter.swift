/// Appends protobuf wire elements to a byte buffer (the inverse of `WireCursor`).
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func tag(_ field: UInt32, _ wireType: WireType) {
        varint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    mutating func varintField(_ field: UInt32, _ value: UInt64) {
        tag(field, .varint)
        varint(value)
    }

    mutating func sint32Field(_ field: UInt32, _ value: Int32) {
        varintField(field, UInt64(ZigZag.encode32(value)))
    }

    /// A signed value as protobuf writes `int32`/`int64`: sign-extended to 64 bits.
    mutating func int64Field(_ field: UInt32, _ value: Int64) {
        varintField(field, UInt64(bitPattern: value))
    }

    mutating func fixed64Field(_ field: UInt32, _ value: UInt64) {
        tag(field, .fixed64)
        // Little-endian, lowest byte first, as protobuf's fixed64 is written.
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func bytesField(_ field: UInt32, _ content: some Collection<UInt8>) {
        tag(field, .lengthDelimited)
        varint(UInt64(content.count))
        bytes.append(contentsOf: content)
    }

    mutating func stringField(_ field: UInt32, _ text: String) {
        bytesField(field, Array(text.utf8))
    }

    /// A nested message, written by `body` into its own buffer first (its
    /// length goes before it).
    mutating func messageField(_ field: UInt32, _ body: (inout WireWriter) -> Void) {
        var nested = WireWriter()
        body(&nested)
        bytesField(field, nested.bytes)
    }
}

/// The same fields named by the schema (`MessageSchema.swift`), so that the
/// encoders write the numbers the decoders read.
extension WireWriter {
    mutating func varintField<Field: MessageSchema>(_ field: Field, _ value: UInt64) {
        varintField(field.number, value)
    }

    mutating func sint32Field<Field: MessageSchema>(_ field: Field, _ value: Int32) {
        sint32Field(field.number, value)
    }

    mutating func int64Field<Field: MessageSchema>(_ field: Field, _ value: Int64) {
        int64Field(field.number, value)
    }

    mutating func fixed64Field<Field: MessageSchema>(_ field: Field, _ value: UInt64) {
        fixed64Field(field.number, value)
    }

    mutating func bytesField<Field: MessageSchema>(_ field: Field, _ content: some Collection<UInt8>) {
        bytesField(field.number, content)
    }

    mutating func stringField<Field: MessageSchema>(_ field: Field, _ text: String) {
        stringField(field.number, text)
    }

    mutating func messageField<Field: MessageSchema>(_ field: Field, _ body: (inout WireWriter) -> Void) {
        messageField(field.number, body)
    }

    /// An entry of the word-indexed map `field`: its key, then the value
    /// `writeValue` writes as the entry's field `value`.
    mutating func indexMapEntry<Value: MapValueWireType>(
        _ field: CompressedAttributesField, _: Value.Type, key: Int32,
        _ writeValue: (inout WireWriter, IndexMapEntryField<Value>) -> Void
    ) {
        messageField(field) { entry in
            entry.sint32Field(IndexMapEntryField<Value>.key, key)
            writeValue(&entry, .value)
        }
    }
}
