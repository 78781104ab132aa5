/// Small byte-string helpers for the log reader (no Foundation, no copies).
enum ByteSearch {
    /// The first index where `needle` starts in `haystack`, or nil.
    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
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

    static func hasPrefix(_ prefix: [UInt8], _ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count >= prefix.count && bytes.prefix(prefix.count).elementsEqual(prefix)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// True when the bytes hold only spaces and tabs.
    static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// `YYYY-MM-DD` at `index`.
    static func isDate(_ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        guard index + 10 <= bytes.endIndex else { return false }
        for offset in [0, 1, 2, 3, 5, 6, 8, 9] where !isDigit(bytes[index + offset]) { return false }
        return bytes[index + 4] == UInt8(ascii: "-") && bytes[index + 7] == UInt8(ascii: "-")
    }
}
