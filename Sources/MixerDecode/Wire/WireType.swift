/// The six wire types of the protobuf encoding (the low three bits of a tag).
///
/// Types 6 and 7 are not defined; a tag carrying them is malformed.
enum WireType: UInt8 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// A field tag split into its parts. Field numbers are 1 ... 2^29 - 1.
struct FieldTag: Equatable {
    var fieldNumber: UInt32
    var wireType: WireType

    /// The largest field number protobuf allows (descriptor.proto: 536,870,911).
    static let maxFieldNumber: UInt32 = (1 << 29) - 1
}
