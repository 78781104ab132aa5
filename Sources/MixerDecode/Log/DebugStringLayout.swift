/// Checks that a dump's lines are laid out as C++ `DebugString` lays them
/// out, to tell when lines of another dump are mixed in (two pods' logs
/// merged line by line, `kubectl logs -l` or stern without a prefix), or
/// lines that are no dump at all.
///
/// DebugString (google/protobuf/text_format.cc, `Printer`) writes one field
/// per line, `name: value` or `name {`, indented two spaces per level, a
/// block's `}` alone on its own line at the block's own indentation, and a
/// map entry's `key` once, then its `value` once. A viewer may drop every
/// line's indentation; then the rest is still checked.
///
/// This runs over every byte of every dump: lines are found eight bytes at a
/// time, and each is looked at once, left to right, with no allocation.
enum DebugStringLayout {
    /// Offset of the first line that DebugString could not have written
    /// where it stands, or nil when every line fits.
    ///
    /// - `startDepth`: how many blocks the first line is inside.
    /// - `firstLineFollowsMarker`: the first line is what follows a marker
    ///   (`Sending Report request: attributes {`), so its indentation is not
    ///   DebugString's.
    static func firstMisfit(in text: [UInt8], startDepth: Int, firstLineFollowsMarker: Bool) -> Int? {
        text.withUnsafeBytes { raw in
            var checker = Checker(depth: startDepth)
            var lineStart = 0
            var first = true
            while lineStart < raw.count {
                let lineEnd = NewlineSearch.firstNewline(in: raw, from: lineStart) ?? raw.count
                if !checker.fits(raw, lineStart, lineEnd, followsMarker: first && firstLineFollowsMarker) {
                    return lineStart
                }
                first = false
                lineStart = lineEnd + 1
            }
            return nil
        }
    }

    private struct Checker {
        var depth: Int
        /// nil until the first line that tells: a viewer drops the
        /// indentation of every line or of none.
        var indented: Bool?
        /// Bit `d`: the block open at depth `d` has had its `key` (its
        /// `value`). Depths past 63 are not checked for this.
        var sawKey: UInt64 = 0
        var sawValue: UInt64 = 0

        init(depth: Int) {
            self.depth = depth
        }

        /// Whether `raw[start..<end]` (one line, without its newline) fits.
        mutating func fits(_ raw: UnsafeRawBufferPointer, _ start: Int, _ end: Int, followsMarker: Bool) -> Bool {
            var bodyEnd = end
            // Safe here and below: every index read is checked to lie in
            // start..<end, and end <= raw.count (the caller's line).
            while bodyEnd > start, raw[bodyEnd - 1] == 0x20 || raw[bodyEnd - 1] == 0x09 || raw[bodyEnd - 1] == 0x0D {
                bodyEnd -= 1
            }
            let body = start + Self.leadingSpaces(raw, start, bodyEnd)
            guard body < bodyEnd else { return true }
            if raw[body] == UInt8(ascii: "}") {
                depth -= 1
                guard depth >= 0 else { return false }
                return followsMarker || (indentationFits(body - start) && bodyEnd - body == 1)
            }
            if !followsMarker {
                guard indentationFits(body - start) else { return false }
            }
            // The field name, then `:`, `{` or ` {` (a bare name: the input ended there).
            var nameEnd = Self.entryFieldNameEnd(raw, body, bodyEnd) ?? body
            while nameEnd < bodyEnd && Self.isNameByte(raw[nameEnd]) { nameEnd += 1 }
            guard nameEnd > body else { return followsMarker }
            if nameEnd < bodyEnd {
                let next = raw[nameEnd]
                let separated = next == 0x20 && nameEnd + 1 < bodyEnd
                    && (raw[nameEnd + 1] == UInt8(ascii: "{") || raw[nameEnd + 1] == UInt8(ascii: ":"))
                guard next == UInt8(ascii: ":") || next == UInt8(ascii: "{") || separated || followsMarker else { return false }
            }
            guard entryFieldFits(raw, body, nameEnd) else { return false }
            if raw[bodyEnd - 1] == UInt8(ascii: "{") {
                depth += 1
                if depth < 64 {
                    sawKey &= ~(1 << UInt64(depth))
                    sawValue &= ~(1 << UInt64(depth))
                }
            }
            return true
        }

        /// Two spaces per level, or none on every line.
        private mutating func indentationFits(_ spaces: Int) -> Bool {
            if indented == nil && (spaces > 0 || depth > 0) { indented = spaces > 0 }
            return indented == true ? spaces == 2 * depth : spaces == 0
        }

        /// In one block, `key` at most once and before `value`, `value` at most once.
        private mutating func entryFieldFits(_ raw: UnsafeRawBufferPointer, _ name: Int, _ nameEnd: Int) -> Bool {
            guard depth < 64 else { return true }
            let bit: UInt64 = 1 << UInt64(depth)
            let length = nameEnd - name
            if length == 3 && raw[name] == UInt8(ascii: "k") && raw[name + 1] == UInt8(ascii: "e")
                && raw[name + 2] == UInt8(ascii: "y")
            {
                guard (sawKey | sawValue) & bit == 0 else { return false }
                sawKey |= bit
            } else if length == 5 && raw[name] == UInt8(ascii: "v") && raw[name + 1] == UInt8(ascii: "a")
                && raw[name + 2] == UInt8(ascii: "l") && raw[name + 3] == UInt8(ascii: "u") && raw[name + 4] == UInt8(ascii: "e")
            {
                guard sawValue & bit == 0 else { return false }
                sawValue |= bit
            }
            return true
        }

        /// How many spaces `raw[start..<end]` starts with, eight at a time
        /// (indentation is most of a dump's bytes).
        @inline(__always)
        private static func leadingSpaces(_ raw: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
            var index = start
            while index + 8 <= end {
                // Safe: index + 8 <= end <= raw.count; loadUnaligned needs no alignment.
                let others = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x2020_2020_2020_2020
                if others != 0 { return index - start + others.trailingZeroBitCount >> 3 }
                index += 8
            }
            // Safe: index < end <= raw.count.
            while index < end && raw[index] == 0x20 { index += 1 }
            return index - start
        }

        /// Where the name ends when the line starts `key: ` or `value: ` (half
        /// of a dump's lines), told from its first bytes at once; else nil.
        @inline(__always)
        private static func entryFieldNameEnd(_ raw: UnsafeRawBufferPointer, _ body: Int, _ end: Int) -> Int? {
            guard body + 8 <= end else { return nil }
            // Safe: body + 8 <= end <= raw.count.
            let head = raw.loadUnaligned(fromByteOffset: body, as: UInt64.self)
            if head & 0xFF_FFFF_FFFF == keyColonSpace { return body + 3 }
            if head & 0xFF_FFFF_FFFF_FFFF == valueColonSpace { return body + 5 }
            return nil
        }

        /// `key: ` and `value: ` as little-endian words.
        private static let keyColonSpace: UInt64 = word("key: ")
        private static let valueColonSpace: UInt64 = word("value: ")

        private static func word(_ text: StaticString) -> UInt64 {
            text.withUTF8Buffer { buffer in
                buffer.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            }
        }

        /// Letters, digits and `_`: a field name, or a field number.
        @inline(__always)
        private static func isNameByte(_ byte: UInt8) -> Bool {
            let letter = byte | 0x20
            return (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_")
        }
    }
}
