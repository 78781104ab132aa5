/// Checks that a dump's lines are laid out as C++ `DebugString` lays them
/// out, to tell when lines of another dump are mixed in (two pods' logs
/// merged line by line, `kubectl logs -l` or stern without a prefix).
///
/// DebugString (google/protobuf/text_format.cc, `Printer`) writes one field
/// per line, indented two spaces per level, a block's `}` on its own line at
/// the block's own indentation, and a map entry's `key` once, then its
/// `value` once. A viewer may drop every line's indentation; then only the
/// depth and the map entries can be checked.
enum DebugStringLayout {
    /// Offset of the first line that DebugString could not have written
    /// where it stands, or nil when every line fits.
    ///
    /// - `startDepth`: how many blocks the first line is inside.
    /// - `firstLineFollowsMarker`: the first line is what follows a marker
    ///   (`Sending Report request: attributes {`), so its indentation is not
    ///   DebugString's.
    static func firstMisfit(in text: [UInt8], startDepth: Int, firstLineFollowsMarker: Bool) -> Int? {
        var checker = Checker(depth: startDepth, indented: isIndented(text, skippingFirstLine: firstLineFollowsMarker))
        var lineStart = 0
        var first = true
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != 0x0A { lineEnd += 1 }
            let fits = checker.fits(text, lineStart, lineEnd, checkIndentation: !(first && firstLineFollowsMarker))
            if !fits { return lineStart }
            first = false
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// True unless a viewer dropped the indentation of every line.
    private static func isIndented(_ text: [UInt8], skippingFirstLine: Bool) -> Bool {
        var atLineStart = !skippingFirstLine
        for byte in text {
            if atLineStart && byte == 0x20 { return true }
            atLineStart = byte == 0x0A
        }
        return false
    }

    private struct Checker {
        var depth: Int
        let indented: Bool
        /// Per open block: whether a map entry's key and value were seen in it.
        var entryFields: [UInt8] = [0]
        static let sawKey: UInt8 = 1
        static let sawValue: UInt8 = 2

        init(depth: Int, indented: Bool) {
            self.depth = depth
            self.indented = indented
        }

        mutating func fits(_ text: [UInt8], _ start: Int, _ end: Int, checkIndentation: Bool) -> Bool {
            var bodyEnd = end
            while bodyEnd > start && (text[bodyEnd - 1] == 0x20 || text[bodyEnd - 1] == 0x09 || text[bodyEnd - 1] == 0x0D) {
                bodyEnd -= 1
            }
            var body = start
            while body < bodyEnd && text[body] == 0x20 { body += 1 }
            guard body < bodyEnd else { return true }
            let closes = text[body] == UInt8(ascii: "}") || text[body] == UInt8(ascii: ">")
            if closes {
                depth -= 1
                entryFields.removeLast()
                if entryFields.isEmpty { entryFields.append(0) }
            }
            if depth < 0 { return false }
            if checkIndentation && indented && body - start != 2 * depth { return false }
            if !closes, !noteEntryField(text, body, bodyEnd) { return false }
            let last = text[bodyEnd - 1]
            if last == UInt8(ascii: "{") || last == UInt8(ascii: "<"), !closes {
                depth += 1
                entryFields.append(0)
            }
            return true
        }

        /// `key` at most once and before `value`, `value` at most once, in one entry.
        private mutating func noteEntryField(_ text: [UInt8], _ body: Int, _ end: Int) -> Bool {
            func isName(_ name: StaticString) -> Bool {
                let count = name.utf8CodeUnitCount
                guard body + count < end else { return false }
                let after = text[body + count]
                guard after == UInt8(ascii: ":") || after == 0x20 || after == UInt8(ascii: "{") else { return false }
                return name.withUTF8Buffer { buffer in
                    for index in 0..<count where text[body + index] != buffer[index] { return false }
                    return true
                }
            }
            let first = text[body]
            guard first == UInt8(ascii: "k") || first == UInt8(ascii: "v") else { return true }
            let fields = entryFields[entryFields.count - 1]
            if isName("key") {
                guard fields == 0 else { return false }
                entryFields[entryFields.count - 1] = Self.sawKey
            } else if isName("value") {
                guard fields & Self.sawValue == 0 else { return false }
                entryFields[entryFields.count - 1] = fields | Self.sawValue
            }
            return true
        }
    }
}
