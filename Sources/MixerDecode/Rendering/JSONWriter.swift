/// A small JSON writer into a byte buffer: no Foundation, no intermediate
/// objects, commas handled by nesting state. Strings are escaped per RFC 8259
/// (quote, backslash, control characters); other UTF-8 passes through.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open container: whether it holds a member yet.
    private var hasMember: [Bool] = []
    /// Set after a key: the next value needs no comma.
    private var afterKey = false

    public init() {}

    public mutating func beginObject() { valuePrefix(); bytes.append(UInt8(ascii: "{")); hasMember.append(false) }
    public mutating func endObject() { hasMember.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { valuePrefix(); bytes.append(UInt8(ascii: "[")); hasMember.append(false) }
    public mutating func endArray() { hasMember.removeLast(); bytes.append(UInt8(ascii: "]")) }

    public mutating func key(_ name: String) {
        valuePrefix()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ text: String) { valuePrefix(); appendQuoted(text) }

    /// A key already quoted and escaped (`quoted(_:)`), copied as it is:
    /// for writers that keep the texts they write often ready-made.
    mutating func key(quoted: [UInt8]) {
        valuePrefix()
        bytes.append(contentsOf: quoted)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// A string value already quoted and escaped (`quoted(_:)`).
    mutating func string(quoted: [UInt8]) {
        valuePrefix()
        bytes.append(contentsOf: quoted)
    }

    /// A whole JSON value already written (by another writer), copied as it is.
    mutating func value(json: [UInt8]) {
        valuePrefix()
        bytes.append(contentsOf: json)
    }

    /// `text` as a JSON string, quotes included, for `key(quoted:)` and `string(quoted:)`.
    static func quoted(_ text: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.appendQuoted(text)
        return writer.bytes
    }

    public mutating func number(_ value: Int) { raw(String(value)) }
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    public mutating func null() { raw("null") }

    /// Appends already-valid JSON text as one value.
    public mutating func raw(_ json: String) { valuePrefix(); bytes.append(contentsOf: json.utf8) }

    /// Starts a new top-level value on a fresh line (NDJSON).
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    private mutating func valuePrefix() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasMember.indices.last else { return }
        if hasMember[last] { bytes.append(UInt8(ascii: ",")) }
        hasMember[last] = true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs that need no escape in one go: names and values are
    /// almost always plain, and byte-by-byte appends were the writer's cost.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while true {
            index = Self.nextEscape(in: utf8, from: index)
            guard index < utf8.count else { break }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendEscape(for: utf8[index])
            index += 1
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private mutating func appendEscape(for byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
        case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
        case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
        case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
        default:
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 15)])
        }
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
    }

    /// The first index at or after `start` whose byte needs an escape, or
    /// `utf8.count`. Eight bytes are tested at once (the usual bit tricks:
    /// a byte below 0x20, or equal to `"`, `\\` or DEL, sets its high bit).
    private static func nextEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = utf8.baseAddress else { return utf8.count }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = start
        while index + 8 <= utf8.count {
            // Safe: index + 8 <= count, so the eight bytes are inside the buffer.
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
            if below0x20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
                || hasZeroByte(word ^ (ones &* 0x7F))
            {
                break
            }
            index += 8
        }
        while index < utf8.count && !needsEscape(utf8[index]) { index += 1 }
        return index
    }
}
