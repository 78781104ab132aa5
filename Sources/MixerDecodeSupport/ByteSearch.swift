/// Small byte-string helpers (no Foundation, no copies), called per line or
/// per token. The loops that look at every byte of a log (the newline
/// search, `Log/NewlineSearch.swift`) stay in the module that runs them:
/// across the module boundary they were not inlined even when marked so,
/// and perf-check's log operation cost 13% more.
package enum ByteSearch {
    /// The first index where `needle` starts in `haystack`, or nil.
    @inlinable
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

    @inlinable @inline(__always)
    package static func hasPrefix(_ prefix: [UInt8], _ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= prefix.count && bytes.prefix(prefix.count).elementsEqual(prefix)
    }

    @inlinable @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// True when the bytes hold only spaces and tabs.
    @inlinable @inline(__always)
    package static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// `YYYY-MM-DD` at `index`.
    @inlinable @inline(__always)
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
    @inlinable @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
