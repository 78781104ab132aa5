/// Finds where one map entry of a record is, by reading the record again:
/// its bytes (binary input), or its DebugString text (text and log input).
/// Only findings call it, so decoding healthy input keeps no places at all.
struct EntryLocator {
    /// What the record is read from: `record` is a range of it.
    enum Source {
        case none
        case wire([UInt8])
        case text([UInt8])
    }

    let source: Source
    let record: Range<Int>
    let locator: PositionLocator

    init<Message>(_ decoded: Decoded<Message>, record: Range<Int>) {
        locator = decoded.locator
        if let input = decoded.input {
            source = .wire(input)
        } else if let text = decoded.text {
            source = .text(text)
        } else {
            source = .none
        }
        self.record = record
    }

    static let fieldNumbers = Dictionary(uniqueKeysWithValues: CompressedAttributesField.allCases.map { ($0.name, $0.number) })

    /// Where entry `ordinal` of `map` ("strings", ...) is: the byte offset
    /// of its tag, or the line and column of its field name; nil when not found.
    func position(map: String, ordinal: Int) -> Position? {
        guard !record.isEmpty else { return nil }
        let offset: Int? = switch source {
        case .none: nil
        case .wire(let input): Self.wireOffset(input, record, map: map, ordinal: ordinal)
        case .text(let text): Self.textOffset(text, record, map: map, ordinal: ordinal)
        }
        return offset.map(locator.position(of:))
    }

    private static func wireOffset(_ input: [UInt8], _ record: Range<Int>, map: String, ordinal: Int) -> Int? {
        guard let field = fieldNumbers[map] else { return nil }
        return WireInput.withCursor(over: input, range: record) { cursor in
            var seen = 0
            while !cursor.isAtEnd {
                let tagOffset = cursor.position
                guard let tag = cursor.readTag() else { return nil }
                if tag.fieldNumber == field && tag.wireType == .lengthDelimited {
                    if seen == ordinal { return tagOffset }
                    seen += 1
                }
                guard case .skipped = FieldSkipper.skipValue(of: tag, cursor: &cursor, tagOffset: tagOffset, depthBudget: DecodeLimits.default.maxDepth)
                else { return nil }
            }
            return nil
        }
    }

    /// The `ordinal`-th `map {` directly inside the record's block, whose
    /// text is `text[record]` (from just after its opening brace).
    private static func textOffset(_ text: [UInt8], _ record: Range<Int>, map: String, ordinal: Int) -> Int? {
        var tokenizer = TextTokenizer(text: text)
        tokenizer.skip(to: record.lowerBound)
        let name = Array(map.utf8)
        var depth = 0
        var seen = 0
        while true {
            let (token, offset) = tokenizer.next()
            guard offset < record.upperBound else { return nil }
            switch token {
            case .end: return nil
            case .symbol(UInt8(ascii: "{")), .symbol(UInt8(ascii: "<")): depth += 1
            case .symbol(UInt8(ascii: "}")), .symbol(UInt8(ascii: ">")):
                depth -= 1
                if depth < 0 { return nil }
            case .identifier(let range) where depth == 0 && text[range].elementsEqual(name):
                if seen == ordinal { return offset }
                seen += 1
            default: continue
            }
        }
    }
}
