/// Small byte-string helpers (no Foundation, no copies). The small ones are
/// `@inlinable`: the readers call them for every byte, across the module boundary.
package enum ByteSearch {
    /// The first index where `needle` starts in `haystack`, or nil.
    package static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count && haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The offset of the newline at or after `start` in `raw`, eight bytes at
    /// a time: this looks at every byte of the log, so it is the loop that
    /// must be cheap.
    @inlinable
    package static func firstNewline(in raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
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

    package static func hasPrefix(_ prefix: [UInt8], _ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= prefix.count && bytes.prefix(prefix.count).elementsEqual(prefix)
    }

    @inlinable
    package static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// True when the bytes hold only spaces and tabs.
    package static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// `YYYY-MM-DD` at `index`.
    package static func isDate(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        guard index >= bytes.startIndex, index + 10 <= bytes.endIndex else { return false }
        // Spelled out: an array literal of offsets here costs an allocation per line.
        return isDigit(bytes[index]) && isDigit(bytes[index + 1]) && isDigit(bytes[index + 2])
            && isDigit(bytes[index + 3]) && bytes[index + 4] == UInt8(ascii: "-")
            && isDigit(bytes[index + 5]) && isDigit(bytes[index + 6]) && bytes[index + 7] == UInt8(ascii: "-")
            && isDigit(bytes[index + 8]) && isDigit(bytes[index + 9])
    }

    /// Space, tab, newline or carriage return: the white space between
    /// tokens of hex, base64 and the other text forms.
    @inlinable
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
