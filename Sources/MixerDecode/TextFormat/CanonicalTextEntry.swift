/// Guarded fast paths for the map entries `DebugString()` prints for nearly
/// every attribute, read straight from the bytes:
///
///     strings {              int64s, string_maps entries: the same shape
///       key: -3
///       value: 131
///     }
///     timestamps {           durations: the same shape
///       key: 12
///       value {
///         seconds: 1558339940
///         nanos: 125365000
///       }
///     }
///     string_maps {
///       key: 15
///       value {
///         entries {
///           key: 31
///           value: -7
///         }
///       }
///     }
///
/// Fields in that order (zero ones left out, as `DebugString()` does for
/// seconds, nanos and entries), only spaces, tabs and line breaks between
/// tokens, integers decimal (no `0x`, no leading zero) and within their
/// ranges. Anything else (a comment, another order, `<`, a colon before a
/// brace, a cut, a number out of range) matches nothing and moves nothing, so
/// the general parser reads it and reports what it finds with its exact
/// messages and positions. What matches is exactly what the general parser
/// would read from the same bytes, without a finding. (The wire decoder has
/// the same kind of path: `Wire/CanonicalEntry.swift`.)
enum CanonicalTextEntry {
    static let indexRange = Int64(Int32.min)...Int64(Int32.max)

    /// `{ key: K value: V }` at `start` (just after the field name), and the
    /// offset just after its `}`.
    static func integerEntry(
        _ text: [UInt8], from start: Int, valueRange: ClosedRange<Int64>
    ) -> (key: Int32, value: Int64, end: Int)? {
        text.withUnsafeBufferPointer { bytes in
            var cursor = CanonicalTextCursor(bytes: bytes, index: start)
            guard let (key, value) = cursor.integerEntry(valueRange: valueRange) else { return nil }
            return (key, value, cursor.index)
        }
    }

    /// `{ key: K value { seconds: S nanos: N } }` (Timestamp or Duration).
    static func secondsAndNanosEntry(
        _ text: [UInt8], from start: Int
    ) -> (key: Int32, seconds: Int64, nanos: Int32, end: Int)? {
        text.withUnsafeBufferPointer { bytes in
            var cursor = CanonicalTextCursor(bytes: bytes, index: start)
            guard cursor.symbol(UInt8(ascii: "{")), let key = cursor.field("key", range: indexRange),
                  cursor.word("value"), cursor.symbol(UInt8(ascii: "{"))
            else { return nil }
            var seconds: Int64 = 0
            var nanos: Int64 = 0
            if cursor.next == UInt8(ascii: "s") {
                guard let read = cursor.field("seconds", range: Int64.min...Int64.max) else { return nil }
                seconds = read
            }
            if cursor.next == UInt8(ascii: "n") {
                guard let read = cursor.field("nanos", range: indexRange) else { return nil }
                nanos = read
            }
            guard cursor.symbol(UInt8(ascii: "}")), cursor.symbol(UInt8(ascii: "}")) else { return nil }
            return (Int32(truncatingIfNeeded: key), seconds, Int32(truncatingIfNeeded: nanos), cursor.index)
        }
    }

    /// `{ key: K value { entries { key: K value: V } ... } }` (a StringMap).
    static func stringMapEntry(_ text: [UInt8], from start: Int) -> (key: Int32, pairs: [IndexPair], end: Int)? {
        text.withUnsafeBufferPointer { bytes in
            var cursor = CanonicalTextCursor(bytes: bytes, index: start)
            guard cursor.symbol(UInt8(ascii: "{")), let key = cursor.field("key", range: indexRange),
                  cursor.word("value"), cursor.symbol(UInt8(ascii: "{"))
            else { return nil }
            var pairs: [IndexPair] = []
            while cursor.next == UInt8(ascii: "e") {
                guard cursor.word("entries"), let (entryKey, value) = cursor.integerEntry(valueRange: indexRange)
                else { return nil }
                // Header maps hold about ten entries: fewer growths, and room
                // taken only for a map that has entries (no more than its text).
                if pairs.isEmpty { pairs.reserveCapacity(8) }
                pairs.append(IndexPair(key: entryKey, value: Int32(truncatingIfNeeded: value)))
            }
            guard cursor.symbol(UInt8(ascii: "}")), cursor.symbol(UInt8(ascii: "}")) else { return nil }
            return (Int32(truncatingIfNeeded: key), pairs, cursor.index)
        }
    }
}

/// Reads the canonical shapes above; every method skips white space first and
/// returns nil or false when the text is anything else (the caller then drops
/// the cursor). Lives only inside `withUnsafeBufferPointer`.
private struct CanonicalTextCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    /// The next byte after white space, or nil at the end of the text.
    var next: UInt8? {
        mutating get {
            skipSpace()
            // Safe: index < bytes.count is checked first.
            return index < bytes.count ? bytes[index] : nil
        }
    }

    /// `{ key: K value: V }`.
    mutating func integerEntry(valueRange: ClosedRange<Int64>) -> (Int32, Int64)? {
        guard symbol(UInt8(ascii: "{")), let key = field("key", range: CanonicalTextEntry.indexRange),
              let value = field("value", range: valueRange), symbol(UInt8(ascii: "}"))
        else { return nil }
        return (Int32(truncatingIfNeeded: key), value)
    }

    /// `name: integer`.
    mutating func field(_ name: StaticString, range: ClosedRange<Int64>) -> Int64? {
        guard word(name), symbol(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        return integer(range: range)
    }

    /// One byte.
    mutating func symbol(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        index += 1
        return true
    }

    /// A field name. What follows is checked by the caller's next step (a
    /// colon or a brace), so `keys` or `value2` never passes for `key`, `value`.
    mutating func word(_ name: StaticString) -> Bool {
        skipSpace()
        let count = name.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        return name.withUTF8Buffer { expected in
            for offset in 0..<count {
                // Safe: index + offset < index + count <= bytes.count, checked above.
                guard bytes[index + offset] == expected[offset] else { return false }
            }
            index += count
            return true
        }
    }

    /// A decimal integer of at most 18 digits (so it cannot overflow) that the
    /// tokenizer would read as one whole number token.
    mutating func integer(range: ClosedRange<Int64>) -> Int64? {
        var at = index
        // Safe: at < bytes.count is checked first.
        let negative = at < bytes.count && bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        let digitsStart = at
        var magnitude: Int64 = 0
        // Safe: at < bytes.count is checked first.
        // `&- 0x30 < 10`: a decimal digit, in one comparison (this runs per digit).
        while at < bytes.count, at - digitsStart < 18, bytes[at] &- 0x30 < 10 {
            magnitude = magnitude * 10 + Int64(bytes[at] &- UInt8(ascii: "0"))
            at += 1
        }
        let digits = at - digitsStart
        // Octal and hex (a leading zero) are the general parser's; so is a
        // number that runs on into letters, dots or a 19th digit, or into the
        // end of the text (a cut dump).
        // Safe: digitsStart < at <= bytes.count when digits > 0; at < bytes.count is checked before bytes[at].
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0"), at < bytes.count,
              !TextTokenizer.isIdentifierPart(bytes[at]), bytes[at] != UInt8(ascii: ".")
        else { return nil }
        let value = negative ? -magnitude : magnitude
        guard range.contains(value) else { return nil }
        index = at
        return value
    }

    /// Spaces, tabs and line breaks: a subset of what the tokenizer skips, so
    /// anything rarer (a comment, a form feed) sends the entry to the general parser.
    mutating func skipSpace() {
        // Safe: index < bytes.count is checked first.
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D {
            index += 1
        }
    }
}
