/// What a pasted fragment (a dump without its first lines) is, worked out
/// from what survives: how many blocks deep its first line is, which
/// message it belongs to, and which map its first, cut entry was in.
///
/// C++ `DebugString` indents two spaces per level and names every field, so
/// the first line's indentation gives its depth (its unmatched closing
/// braces give it too, when a viewer dropped the indentation), and field
/// names only some messages have give the message.
struct FragmentShape: Equatable {
    enum Message: Equatable {
        case report, check, checkResponse, attributes
        /// Only `CompressedAttributes` content survives: a Report's records
        /// and a Check's attributes look alike, and which it was is not known.
        case reportOrCheck
    }

    /// How many blocks the first line is inside.
    var depth: Int
    var message: Message
    /// Depth 2 inside a record: the map of the first entry, whose key and
    /// value both survived (`strings`, ...), when what follows tells it;
    /// nil when it cannot be told, and that entry is not shown.
    var firstEntryMap: String?
    /// Depth 2 or more: where the fragment's text reaches the record level
    /// (just after the closing brace of the cut block), for a fragment whose
    /// first entry cannot be shown.
    var recordLevelOffset: Int?

    static func of(_ text: [UInt8]) -> FragmentShape {
        var scan = Scan(text: text)
        scan.run()
        let depth = max(scan.indentationDepth, -scan.lowest)
        var shape = FragmentShape(depth: depth, message: scan.message(startDepth: depth))
        if depth >= 2 {
            shape.recordLevelOffset = scan.offsetAtRelativeDepth[-(depth - 1)]
        }
        if depth == 2, shape.message != .checkResponse, shape.message != .attributes {
            shape.firstEntryMap = scan.firstEntryMap()
        }
        return shape
    }

    /// One pass over the fragment's tokens.
    private struct Scan {
        let text: [UInt8]
        var tokenizer: TextTokenizer
        /// Depth relative to the first line, and the lowest reached.
        var depth = 0
        var lowest = 0
        /// Where the text first returns to each (negative) relative depth.
        var offsetAtRelativeDepth: [Int: Int] = [:]
        /// Field names seen, each with the relative depth it is at.
        var names: [(name: String, depth: Int)] = []
        /// The tokens before the first unmatched closer, and the name after it.
        var head: [TextToken] = []
        var afterHead: String?
        var headClosed = false

        init(text: [UInt8]) {
            self.text = text
            self.tokenizer = TextTokenizer(text: text)
        }

        var indentationDepth: Int {
            var spaces = 0
            while spaces < text.count, text[spaces] == 0x20 { spaces += 1 }
            let closes = spaces < text.count && text[spaces] == UInt8(ascii: "}")
            return spaces / 2 + (closes ? 1 : 0)
        }

        mutating func run() {
            while true {
                let (token, offset) = tokenizer.next()
                if token == .end { return }
                if !headClosed { head.append(token) }
                switch token {
                case .symbol(UInt8(ascii: "{")), .symbol(UInt8(ascii: "<")):
                    depth += 1
                case .symbol(UInt8(ascii: "}")), .symbol(UInt8(ascii: ">")):
                    depth -= 1
                    if depth < lowest {
                        lowest = depth
                        offsetAtRelativeDepth[depth] = offset + 1
                    }
                    if depth < 0 { headClosed = true }
                case .identifier(let range):
                    let name = String(decoding: text[range], as: UTF8.self)
                    if headClosed && afterHead == nil { afterHead = name }
                    // Names only, not enum values or bools: those follow a colon.
                    if names.count < 10_000 { names.append((name, depth)) }
                default:
                    continue
                }
            }
        }

        /// The message, from names only it has (at any depth), or from a
        /// second record: a Check has one `attributes`, a Report many.
        func message(startDepth: Int) -> Message {
            var message = Message.reportOrCheck
            var records = startDepth >= 1 ? 1 : 0
            for (name, relative) in names {
                switch name {
                case "default_words", "repeated_attributes_semantics": return .report
                case "deduplication_id", "best_effort", "amount": return .check
                case "precondition", "valid_use_count", "attribute_matches", "granted_amount", "valid_duration",
                     "referenced_attributes":
                    return .checkResponse
                case "string_value", "int64_value", "bytes_value", "string_map_value", "timestamp_value",
                     "double_value", "bool_value", "duration_value":
                    message = .attributes
                case "attributes" where relative + startDepth == 0:
                    records += 1
                    if records > 1 && message == .reportOrCheck { message = .report }
                default:
                    continue
                }
            }
            return message
        }

        /// The map of a first entry `key: K value: V }` cut from its opening
        /// line: the maps that admit such a value, up to the map that comes
        /// next (DebugString prints maps in field order, all entries of one
        /// map together); nil unless exactly one is left.
        func firstEntryMap() -> String? {
            guard head.count == 7, case .identifier(let keyName) = head[0], case .identifier(let valueName) = head[3],
                  FieldName(text: text, range: keyName) == "key", FieldName(text: text, range: valueName) == "value",
                  head[1] == .symbol(UInt8(ascii: ":")), head[4] == .symbol(UInt8(ascii: ":")),
                  case .number = head[2], head[6] == .symbol(UInt8(ascii: "}"))
            else { return nil }
            let fieldOrder = ["strings", "int64s", "doubles", "bools", "timestamps", "durations", "bytes", "string_maps"]
            var candidates: [String]
            switch head[5] {
            case .number(let range):
                let written = String(decoding: text[range], as: UTF8.self)
                if written.contains(".") || written.lowercased().contains("e") {
                    candidates = ["doubles"]
                } else if let value = Int64(written), Int32(exactly: value) != nil {
                    candidates = ["strings", "int64s", "doubles"]
                } else {
                    candidates = ["int64s", "doubles"]
                }
            case .identifier(let range):
                let word = String(decoding: text[range], as: UTF8.self)
                candidates = ["true", "false"].contains(word) ? ["bools"] : ["doubles"]
            case .string:
                candidates = ["bytes"]
            default:
                return nil
            }
            if let next = afterHead, let limit = fieldOrder.firstIndex(of: next) {
                candidates = candidates.filter { fieldOrder.firstIndex(of: $0)! <= limit }
            }
            return candidates.count == 1 ? candidates[0] : nil
        }
    }
}
