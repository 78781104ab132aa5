/// Confines the raw pointer of a `WireCursor` to one closure.
enum WireInput {
    /// Calls `body` with a cursor over `range` of `bytes`, positions being
    /// offsets in `bytes`. The cursor must not escape `body`.
    static func withCursor<Result>(
        over bytes: [UInt8], range: Range<Int>? = nil, _ body: (inout WireCursor) -> Result
    ) -> Result {
        let range = range ?? bytes.indices
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the input")
        return bytes.withUnsafeBufferPointer { buffer in
            // An empty array may have no storage at all: give the cursor a
            // valid address anyway; it will never load from it (end == position).
            guard let base = buffer.baseAddress else {
                let empty: [UInt8] = [0]
                return empty.withUnsafeBufferPointer { one in
                    var cursor = WireCursor(base: one.baseAddress!, position: 0, end: 0)
                    return body(&cursor)
                }
            }
            var cursor = WireCursor(base: base, position: range.lowerBound, end: range.upperBound)
            return body(&cursor)
        }
    }
}
