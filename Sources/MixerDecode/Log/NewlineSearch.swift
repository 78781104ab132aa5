/// The newline search of the log reader, which looks at every byte of a
/// log: the loop that must be cheap. It lives with its callers (the scanner,
/// the line splitter, the layout check) so that the optimizer inlines it
/// into their loops.
enum NewlineSearch {
    /// The offset of the newline at or after `start` in `raw`, eight bytes at
    /// a time: this looks at every byte of the log, so it is the loop that
    /// must be cheap.
    @inline(__always)
    static func firstNewline(in raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var offset = start
        while offset + 8 <= raw.count {
            // Safe: offset + 8 <= raw.count was just checked; loadUnaligned needs no alignment.
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            // A zero byte in `word` (a newline in the text) sets its high bit
            // here ("has zero byte" test; the lowest bit set is exact, and on
            // a little-endian machine the lowest byte is the first).
            let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if found != 0 { return offset + found.trailingZeroBitCount >> 3 }
            offset += 8
        }
        while offset < raw.count {
            // Safe: offset < raw.count is the loop's condition.
            if raw[offset] == 0x0A { return offset }
            offset += 1
        }
        return nil
    }
}
