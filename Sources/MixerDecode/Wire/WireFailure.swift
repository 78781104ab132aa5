/// Why a wire element could not be read: worked out once, off the hot path,
/// after a `WireCursor` read returned `nil`.
struct WireFailure: Equatable {
    enum Kind: Equatable {
        /// The input ends inside the element: a cut capture, not a wrong one.
        case truncated
        /// The bytes can never be valid, however much more input follows.
        case malformed
        /// Valid bytes beyond a decoding limit (`DecodeLimits`).
        case limitExceeded
    }

    var kind: Kind
    /// What went wrong, in words, without the position ("varint runs past end").
    var reason: String
    /// Offset in the input of the first byte of the failed element.
    var offset: Int

    /// The elements a cursor reads, for `diagnose`.
    enum Element {
        case varint, tag, length, fixed64, fixed32
    }

    /// Re-reads the element that failed at `cursor.position` and says why.
    static func diagnose(_ element: Element, at cursor: WireCursor) -> WireFailure {
        let offset = cursor.position
        switch element {
        case .fixed64, .fixed32:
            let width = element == .fixed64 ? 8 : 4
            return WireFailure(
                kind: overrunKind(cursor),
                reason: "\(width)-byte fixed value runs past \(endName(cursor)) (\(cursor.remaining) bytes left)",
                offset: offset)
        case .varint:
            return diagnoseVarint(at: cursor, what: "varint")
        case .tag:
            var probe = cursor
            guard let raw = probe.readVarint() else { return diagnoseVarint(at: cursor, what: "tag") }
            if raw > UInt64(UInt32.max) {
                return WireFailure(kind: .malformed, reason: "tag \(raw) is larger than 32 bits", offset: offset)
            }
            if raw >> 3 == 0 {
                return WireFailure(kind: .malformed, reason: "field number 0 is not allowed", offset: offset)
            }
            return WireFailure(
                kind: .malformed,
                reason: "wire type \(raw & 7) of field \(raw >> 3) does not exist", offset: offset)
        case .length:
            var probe = cursor
            guard let raw = probe.readVarint() else { return diagnoseVarint(at: cursor, what: "length") }
            if raw > UInt64(Int32.max) {
                return WireFailure(
                    kind: .malformed, reason: "length \(raw) exceeds the 2 GiB protobuf limit", offset: offset)
            }
            return WireFailure(
                kind: overrunKind(cursor),
                reason: "length \(raw) runs past \(endName(cursor)) (\(probe.remaining) bytes left)", offset: offset)
        }
    }

    /// Running past the scope is a cut input only when the scope is the rest of the input.
    static func overrunKind(_ cursor: WireCursor) -> Kind {
        cursor.reachesInputEnd ? .truncated : .malformed
    }

    static func endName(_ cursor: WireCursor) -> String {
        cursor.reachesInputEnd ? "end of input" : "end of its enclosing field"
    }

    private static func diagnoseVarint(at cursor: WireCursor, what: String) -> WireFailure {
        var position = cursor.position
        for byteIndex in 0..<10 {
            guard let byte = cursor.byte(at: position) else {
                return WireFailure(
                    kind: overrunKind(cursor), reason: "\(what) runs past \(endName(cursor))", offset: cursor.position)
            }
            position += 1
            if byteIndex == 9 && byte > 1 {
                return WireFailure(
                    kind: .malformed, reason: "\(what) longer than 10 bytes or above 64 bits",
                    offset: cursor.position)
            }
            if byte < 0x80 { break }
        }
        // Only reached if the caller misreported a varint that actually reads fine.
        return WireFailure(kind: .malformed, reason: "\(what) is invalid", offset: cursor.position)
    }
}
