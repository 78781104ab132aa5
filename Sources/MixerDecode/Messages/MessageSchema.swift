/// The fields of Mixer's messages as istio/api declares them (docs/protocol.md
/// §1): one enum per message, each case a field, its raw value the field
/// number, its `spec` the name in the .proto and the wire type.
///
/// This is the one place those numbers and names are written. The wire
/// decoders walk a message with its enum (`DecodeSession.readFields`), whose
/// exhaustive `switch` the compiler checks against the cases; field paths in
/// findings, `MessageClassifier`, `EntryLocator`, `ResolvedEntry.Kind` and the
/// encoders read the same cases.
protocol MessageSchema: CaseIterable, RawRepresentable where RawValue == UInt32 {
    var spec: FieldSpec { get }
    /// True for a message that holds map entries or records: its walk ends
    /// once `DecodeLimits.maxEntries` is spent. One entry's own fields are
    /// read to its end even then, so that an entry begun keeps its key.
    static var holdsEntries: Bool { get }
}

/// A field's name in the .proto and its wire type. The name is a
/// `StaticString` so that a spec costs nothing to build on the hot path,
/// where only its wire type is read.
struct FieldSpec {
    let name: StaticString
    let wireType: WireType

    init(_ name: StaticString, _ wireType: WireType) {
        self.name = name
        self.wireType = wireType
    }
}

extension MessageSchema {
    static var holdsEntries: Bool { false }

    /// The field number.
    @inline(__always)
    var number: UInt32 { rawValue }

    /// The field's name in the .proto ("global_word_count").
    var name: String { "\(spec.name)" }

    @inline(__always)
    var wireType: WireType { spec.wireType }

    /// The tag as it travels (`number << 3 | wire type`), before varint encoding.
    var tag: UInt32 { rawValue << 3 | UInt32(wireType.rawValue) }
}

/// `ReportRequest` (istio/api `mixer/v1/report.proto`).
enum ReportRequestField: UInt32, MessageSchema {
    case attributes = 1, defaultWords = 2, globalWordCount = 3, repeatedAttributesSemantics = 4

    static var holdsEntries: Bool { true }
    var spec: FieldSpec {
        switch self {
        case .attributes: FieldSpec("attributes", .lengthDelimited)  // repeated CompressedAttributes
        case .defaultWords: FieldSpec("default_words", .lengthDelimited)  // repeated string
        case .globalWordCount: FieldSpec("global_word_count", .varint)  // uint32
        case .repeatedAttributesSemantics: FieldSpec("repeated_attributes_semantics", .varint)  // enum
        }
    }
}

/// `CheckRequest` (istio/api `mixer/v1/check.proto`).
enum CheckRequestField: UInt32, MessageSchema {
    case attributes = 1, globalWordCount = 2, deduplicationID = 3, quotas = 4

    static var holdsEntries: Bool { true }
    var spec: FieldSpec {
        switch self {
        case .attributes: FieldSpec("attributes", .lengthDelimited)  // CompressedAttributes
        case .globalWordCount: FieldSpec("global_word_count", .varint)  // uint32
        case .deduplicationID: FieldSpec("deduplication_id", .lengthDelimited)  // string
        case .quotas: FieldSpec("quotas", .lengthDelimited)  // map<string, QuotaParams>
        }
    }
}

/// `CheckRequest.QuotaParams`.
enum QuotaParamsField: UInt32, MessageSchema {
    case amount = 1, bestEffort = 2

    var spec: FieldSpec {
        switch self {
        case .amount: FieldSpec("amount", .varint)  // int64
        case .bestEffort: FieldSpec("best_effort", .varint)  // bool
        }
    }
}

/// `CompressedAttributes`, one record (istio/api `mixer/v1/attributes.proto`).
enum CompressedAttributesField: UInt32, MessageSchema {
    case words = 1, strings = 2, int64s = 3, doubles = 4, bools = 5, timestamps = 6, durations = 7, bytes = 8,
         stringMaps = 9

    static var holdsEntries: Bool { true }
    var spec: FieldSpec {
        switch self {
        case .words: FieldSpec("words", .lengthDelimited)  // repeated string
        case .strings: FieldSpec("strings", .lengthDelimited)  // map<sint32, sint32>
        case .int64s: FieldSpec("int64s", .lengthDelimited)  // map<sint32, int64>
        case .doubles: FieldSpec("doubles", .lengthDelimited)  // map<sint32, double>
        case .bools: FieldSpec("bools", .lengthDelimited)  // map<sint32, bool>
        case .timestamps: FieldSpec("timestamps", .lengthDelimited)  // map<sint32, Timestamp>
        case .durations: FieldSpec("durations", .lengthDelimited)  // map<sint32, Duration>
        case .bytes: FieldSpec("bytes", .lengthDelimited)  // map<sint32, bytes>
        case .stringMaps: FieldSpec("string_maps", .lengthDelimited)  // map<sint32, StringMap>
        }
    }
}

/// `StringMap` of `CompressedAttributes`.
enum StringMapField: UInt32, MessageSchema {
    case entries = 1  // map<sint32, sint32>

    static var holdsEntries: Bool { true }
    var spec: FieldSpec { FieldSpec("entries", .lengthDelimited) }
}

/// The wire type of one map kind's values, for `IndexMapEntryField`.
protocol MapValueWireType {
    static var wireType: WireType { get }
}

/// The value kinds of the maps keyed by word index (`MapEntryDecoder.swift`
/// reads them).
enum SInt32Value: MapValueWireType {  // strings, StringMap.entries
    static var wireType: WireType { .varint }
}

enum Int64Value: MapValueWireType {  // int64s: a plain varint, not zigzag
    static var wireType: WireType { .varint }
}

enum DoubleValue: MapValueWireType {
    static var wireType: WireType { .fixed64 }
}

enum BoolValue: MapValueWireType {
    static var wireType: WireType { .varint }
}

enum BytesValue: MapValueWireType {
    static var wireType: WireType { .lengthDelimited }
}

enum SecondsAndNanosValue: MapValueWireType {  // timestamps, durations
    static var wireType: WireType { .lengthDelimited }
}

enum StringMapValue: MapValueWireType {  // string_maps
    static var wireType: WireType { .lengthDelimited }
}

/// An entry of a map keyed by a word index (`map<sint32, V>`): protobuf
/// writes a map entry as a message of `key = 1` and `value = 2`.
enum IndexMapEntryField<Value: MapValueWireType>: UInt32, MessageSchema {
    case key = 1, value = 2

    var spec: FieldSpec {
        switch self {
        case .key: FieldSpec("key", .varint)  // sint32
        case .value: FieldSpec("value", Value.wireType)
        }
    }
}

/// An entry of a map keyed by a string whose values are length-delimited:
/// `CheckRequest.quotas`, `CheckResponse.quotas`, `Attributes.attributes`,
/// `Attributes.StringMap.entries`.
enum StringMapEntryField: UInt32, MessageSchema {
    case key = 1, value = 2

    var spec: FieldSpec {
        switch self {
        case .key: FieldSpec("key", .lengthDelimited)  // string
        case .value: FieldSpec("value", .lengthDelimited)  // a message, or a string
        }
    }
}

/// `google.protobuf.Timestamp` and `google.protobuf.Duration`, which share
/// their layout.
enum SecondsAndNanosField: UInt32, MessageSchema {
    case seconds = 1, nanos = 2

    var spec: FieldSpec {
        switch self {
        case .seconds: FieldSpec("seconds", .varint)  // int64
        case .nanos: FieldSpec("nanos", .varint)  // int32
        }
    }
}

/// `Attributes`, the uncompressed form (istio/api `mixer/v1/attributes.proto`).
enum AttributesField: UInt32, MessageSchema {
    case attributes = 1  // map<string, AttributeValue>

    static var holdsEntries: Bool { true }
    var spec: FieldSpec { FieldSpec("attributes", .lengthDelimited) }
}

/// `Attributes.AttributeValue`, a oneof.
enum AttributeValueField: UInt32, MessageSchema {
    case stringValue = 2, int64Value = 3, doubleValue = 4, boolValue = 5, bytesValue = 6, timestampValue = 7,
         durationValue = 8, stringMapValue = 9

    var spec: FieldSpec {
        switch self {
        case .stringValue: FieldSpec("string_value", .lengthDelimited)
        case .int64Value: FieldSpec("int64_value", .varint)
        case .doubleValue: FieldSpec("double_value", .fixed64)
        case .boolValue: FieldSpec("bool_value", .varint)
        case .bytesValue: FieldSpec("bytes_value", .lengthDelimited)
        case .timestampValue: FieldSpec("timestamp_value", .lengthDelimited)
        case .durationValue: FieldSpec("duration_value", .lengthDelimited)
        case .stringMapValue: FieldSpec("string_map_value", .lengthDelimited)  // Attributes.StringMap
        }
    }
}

/// `Attributes.StringMap`.
enum AttributesStringMapField: UInt32, MessageSchema {
    case entries = 1  // map<string, string>

    static var holdsEntries: Bool { true }
    var spec: FieldSpec { FieldSpec("entries", .lengthDelimited) }
}
