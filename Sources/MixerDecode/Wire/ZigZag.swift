/// ZigZag decoding for `sint32` (every word index is one).
///
/// The 64-bit varint is first cut to 32 bits, as C++ `ReadVarint32` and Go's
/// protowire do, so that a sign-extended 10-byte encoding still yields the
/// intended value.
enum ZigZag {
    @inline(__always)
    static func decode32(_ raw: UInt64) -> Int32 {
        let low = UInt32(truncatingIfNeeded: raw)
        return Int32(bitPattern: (low >> 1) ^ (0 &- (low & 1)))
    }

    @inline(__always)
    static func encode32(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }
}
