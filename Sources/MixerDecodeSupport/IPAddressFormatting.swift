/// Text forms of IP addresses as Mixer's Go code prints them (`net.IP.String`):
/// dotted quad for 4 bytes and for IPv4-mapped 16 bytes (`::ffff:a.b.c.d`),
/// RFC 5952 for other IPv6 (lowercase, longest zero run of two or more groups
/// shortened to `::`, the first such run on a tie).
package enum IPAddressFormatting {
    /// nil when `bytes` is neither 4 nor 16 bytes long.
    package static func text(_ bytes: [UInt8]) -> String? {
        if bytes.count == 4 { return dotted(bytes[...]) }
        guard bytes.count == 16 else { return nil }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return dotted(bytes[12..<16])
        }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...groups.count {
            if index < groups.count && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { return groups.map { String($0, radix: 16) }.joined(separator: ":") }
        let head = groups[..<bestStart].map { String($0, radix: 16) }.joined(separator: ":")
        let tail = groups[(bestStart + bestLength)...].map { String($0, radix: 16) }.joined(separator: ":")
        return head + "::" + tail
    }

    /// "10.244.3.0", written byte by byte (every record carries two or three).
    private static func dotted(_ bytes: ArraySlice<UInt8>) -> String {
        precondition(bytes.count == 4, "an IPv4 address")
        // Safe, every write below: four bytes take at most 3 digits each and
        // 3 dots, 15 in all, the capacity asked.
        return String(unsafeUninitializedCapacity: 15) { buffer in
            var count = 0
            for (place, byte) in bytes.enumerated() {
                if place > 0 {
                    buffer[count] = UInt8(ascii: ".")
                    count += 1
                }
                if byte >= 100 {
                    buffer[count] = UInt8(ascii: "0") + byte / 100
                    count += 1
                }
                if byte >= 10 {
                    buffer[count] = UInt8(ascii: "0") + byte / 10 % 10
                    count += 1
                }
                buffer[count] = UInt8(ascii: "0") + byte % 10
                count += 1
            }
            return count
        }
    }
}
