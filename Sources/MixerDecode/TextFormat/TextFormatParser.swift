/// The schema-independent part of the text-format reader: the field loop,
/// scalar values, skipping of unknown fields, and findings with line and
/// column. The message parsers (`TextRequestParsers.swift`,
/// `TextResponseParsers.swift`) build the same model as the wire decoder,
/// so resolution and output are shared.
struct TextFormatParser {
    var tokenizer: TextTokenizer
    var builder = AttributeStorageBuilder()
    private(set) var findings: [Finding] = []
    var partialRecords: Set<Int> = []
    private var limiter = FindingLimiter()
    /// Where the last string value started (for findings about its content).
    private var lastStringOffset = 0

    /// Every finding, with the closing note of codes that went over the cap.
    var allFindings: [Finding] { findings + limiter.summary() }
    let limits: DecodeLimits
    /// Maps an offset in the dump text to its line and column in the input.
    let locator: PositionLocator
    /// Set when the text ended inside a message (the dump was cut).
    var endedInside: Int?
    /// Where the text first departs from what C++ DebugString writes in a
    /// way no cut or damage explains: a map entry's key or value twice, map
    /// keys out of order (DebugString sorts them). Lines of two dumps mixed
    /// together do that.
    var notAsPrintedAt: Int?
    private var reportedProblems = 0

    init(text: [UInt8], limits: DecodeLimits, locator: PositionLocator) {
        self.tokenizer = TextTokenizer(text: text)
        self.limits = limits
        self.locator = locator
    }

    // MARK: Findings

    mutating func report(
        _ code: FindingCode, _ message: String, at offset: Int, record: Int?,
        severity: Finding.Severity = .error, attribute: String? = nil
    ) {
        if let record, code == .truncated || code == .malformed || code == .limitExceeded {
            partialRecords.insert(record)
        }
        let position = locator.position(of: offset)
        let finding = Finding(
            code: code, severity: severity, message: "\(message) (\(position))", attribute: attribute, at: position,
            record: record)
        if limiter.admit(finding) { findings.append(finding) }
    }

    /// Turns the tokenizer's problems (bad escapes, open strings) into findings.
    mutating func flushTokenizerProblems(record: Int?) {
        while reportedProblems < tokenizer.problems.count {
            let problem = tokenizer.problems[reportedProblems]
            reportedProblems += 1
            report(.malformed, problem.message, at: problem.offset, record: record)
        }
    }

    // MARK: The field loop

    /// Reads `name: value` / `name { ... }` fields until `closer` (or the
    /// end of the text when `closer` is nil). `field` reads the value of the
    /// fields it knows and returns false for the others, which are skipped.
    /// Returns false when the text ends before `closer`.
    mutating func readFields(
        closer: UInt8?, context: @autoclosure () -> String, record: Int?,
        _ field: (inout TextFormatParser, FieldName, Int) -> Bool
    ) -> Bool {
        while true {
            // Field names first, without the general token.
            if let (range, offset) = tokenizer.nextIdentifier() {
                flushTokenizerProblems(record: record)
                if !readField(FieldName(text: tokenizer.text, range: range), at: offset, context: context(), record: record, field) {
                    return false
                }
                continue
            }
            let (token, offset) = tokenizer.next()
            flushTokenizerProblems(record: record)
            switch token {
            case .end:
                guard let closer else { return true }
                if endedInside == nil {
                    endedInside = offset
                    report(.truncated, "the dump ends inside \(context()) (missing '\(Character(Unicode.Scalar(closer)))'); the rest was not in the input", at: offset, record: record)
                } else if let record {
                    partialRecords.insert(record)
                }
                return false
            case .symbol(let symbol) where symbol == closer:
                return true
            case .symbol(UInt8(ascii: ";")), .symbol(UInt8(ascii: ",")):
                continue
            case .identifier(let range):
                if !readField(FieldName(text: tokenizer.text, range: range), at: offset, context: context(), record: record, field) {
                    return false
                }
            case .number(let range) where parseUnsigned(range) != nil:
                // DebugString prints fields the schema does not know by number ("5: 150").
                let number = String(decoding: tokenizer.text[range], as: UTF8.self)
                report(.unknownField, "\(context()): unknown field \(number), skipped", at: offset, record: record, severity: .note)
                if !skipValue(record: record) { return false }
            default:
                complain("\(context()): expected a field name, found \(describe(token))", token: token, at: offset, record: record)
                if case .symbol(let symbol) = token, symbol == UInt8(ascii: "}") || symbol == UInt8(ascii: ">"),
                   closer != nil
                {
                    // A closer of the wrong kind: treat it as the end of this block.
                    return false
                }
            }
        }
    }

    /// One named field: its value read by `field`, or skipped with a note
    /// when `field` does not know it. False when the text ends inside it.
    private mutating func readField(
        _ name: FieldName, at offset: Int, context: @autoclosure () -> String, record: Int?,
        _ field: (inout TextFormatParser, FieldName, Int) -> Bool
    ) -> Bool {
        if field(&self, name, offset) { return true }
        report(.unknownField, "\(context()): unknown field \(name), skipped", at: offset, record: record, severity: .note)
        return skipValue(record: record)
    }

    // MARK: Values

    /// `:` before a scalar (required) or before a message (optional).
    mutating func expectColon(context: @autoclosure () -> String, record: Int?) -> Bool {
        let (token, offset) = tokenizer.next()
        if token == .symbol(UInt8(ascii: ":")) { return true }
        complain("\(context()): expected ':', found \(describe(token))", token: token, at: offset, record: record)
        return false
    }

    /// Reports an unexpected token; the end of the text is the dump being
    /// cut (one `truncated`), not a malformed value.
    mutating func complain(_ message: String, token: TextToken, at offset: Int, record: Int?) {
        guard token == .end else {
            report(.malformed, message, at: offset, record: record)
            return
        }
        if endedInside == nil {
            endedInside = offset
            report(.truncated, "the dump ends in the middle of a field; the rest was not in the input", at: offset, record: record)
        } else if let record {
            partialRecords.insert(record)
        }
    }

    /// Opens a message value: an optional `:`, then `{` or `<`. Returns the closer.
    mutating func beginMessage(context: @autoclosure () -> String, record: Int?) -> UInt8? {
        var (token, offset) = tokenizer.next()
        if token == .symbol(UInt8(ascii: ":")) { (token, offset) = tokenizer.next() }
        switch token {
        case .symbol(UInt8(ascii: "{")): return UInt8(ascii: "}")
        case .symbol(UInt8(ascii: "<")): return UInt8(ascii: ">")
        case .end:
            if endedInside == nil {
                endedInside = offset
                report(.truncated, "the dump ends before the value of \(context())", at: offset, record: record)
            }
            return nil
        default:
            complain("\(context()): expected '{', found \(describe(token))", token: token, at: offset, record: record)
            return nil
        }
    }

    /// A signed integer in decimal, hex (0x) or octal (leading 0), within `range`.
    mutating func readInteger(_ range: ClosedRange<Int64>, context: @autoclosure () -> String, record: Int?) -> Int64? {
        guard expectColon(context: context(), record: record) else { return nil }
        let (token, offset) = tokenizer.next()
        guard case .number(let span) = token, let value = parseInteger(span), range.contains(value) else {
            complain("\(context()): expected an integer, found \(describe(token))", token: token, at: offset, record: record)
            return nil
        }
        return value
    }

    /// An unsigned integer up to `UInt64.max` (uint32/uint64 fields).
    mutating func readUnsigned(max: UInt64, context: @autoclosure () -> String, record: Int?) -> UInt64? {
        guard expectColon(context: context(), record: record) else { return nil }
        let (token, offset) = tokenizer.next()
        guard case .number(let span) = token, let value = parseUnsigned(span), value <= max else {
            complain("\(context()): expected an unsigned integer, found \(describe(token))", token: token, at: offset, record: record)
            return nil
        }
        return value
    }

    /// A double: a number, or `inf`, `-inf`, `infinity`, `nan` in any case.
    mutating func readDouble(context: @autoclosure () -> String, record: Int?) -> Double? {
        guard expectColon(context: context(), record: record) else { return nil }
        let (token, offset) = tokenizer.next()
        var text: String?
        switch token {
        case .number(let span), .identifier(let span): text = String(decoding: tokenizer.text[span], as: UTF8.self)
        default: text = nil
        }
        guard var written = text else {
            complain("\(context()): expected a number, found \(describe(token))", token: token, at: offset, record: record)
            return nil
        }
        if written.hasSuffix("f") || written.hasSuffix("F"), !written.lowercased().hasSuffix("inf") { written.removeLast() }
        let lowered = written.lowercased()
        let value: Double? = switch lowered {
        case "inf", "infinity": .infinity
        case "-inf", "-infinity": -.infinity
        case "nan", "-nan": .nan
        default: Double(written)
        }
        guard let value else {
            report(.malformed, "\(context()): \(written) is not a number", at: offset, record: record)
            return nil
        }
        return value
    }

    /// `true`/`false` (also `t`, `f`, `True`, `False`, `1`, `0`).
    mutating func readBool(context: @autoclosure () -> String, record: Int?) -> Bool? {
        guard expectColon(context: context(), record: record) else { return nil }
        let (token, offset) = tokenizer.next()
        switch token {
        case .identifier(let span), .number(let span):
            // Compared as bytes: no String per value.
            let word = FieldName(text: tokenizer.text, range: span)
            if word == "true" || word == "True" || word == "t" || word == "1" { return true }
            if word == "false" || word == "False" || word == "f" || word == "0" { return false }
        default: break
        }
        complain("\(context()): expected true or false, found \(describe(token))", token: token, at: offset, record: record)
        return nil
    }

    /// One or more adjacent quoted strings, joined (text format concatenates them).
    mutating func readBytes(context: @autoclosure () -> String, record: Int?) -> [UInt8]? {
        guard expectColon(context: context(), record: record) else { return nil }
        let (token, offset) = tokenizer.next()
        lastStringOffset = offset
        guard case .string(var bytes) = token else {
            complain("\(context()): expected a quoted string, found \(describe(token))", token: token, at: offset, record: record)
            return nil
        }
        while case .string(let more) = tokenizer.peek().token {
            _ = tokenizer.next()
            bytes += more
        }
        flushTokenizerProblems(record: record)
        if tokenizer.openAtEnd, case (.end, let end) = tokenizer.peek() {
            // The dump was cut inside this string: its value is not known.
            complain("", token: .end, at: end, record: record)
            return nil
        }
        return bytes
    }

    /// A string value, UTF-8 checked (invalid bytes shown as U+FFFD, with a warning).
    mutating func readString(context: @autoclosure () -> String, record: Int?) -> String? {
        guard let bytes = readBytes(context: context(), record: record) else { return nil }
        // ASCII needs no validation, and `String(validating:)` looks up
        // generic metadata at run time on every call.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        report(.invalidUTF8, "\(context()): string is not valid UTF-8; shown with U+FFFD", at: lastStringOffset, record: record, severity: .warning)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An enum by name (from `names`) or by number.
    mutating func readEnum(_ names: [String: Int32], context: @autoclosure () -> String, record: Int?) -> Int32? {
        guard expectColon(context: context(), record: record) else { return nil }
        let (token, offset) = tokenizer.next()
        switch token {
        case .identifier(let span):
            if let value = names[String(decoding: tokenizer.text[span], as: UTF8.self)] { return value }
        case .number(let span):
            if let value = parseInteger(span), let narrow = Int32(exactly: value) { return narrow }
        default: break
        }
        complain("\(context()): \(describe(token)) is not a value of this enum", token: token, at: offset, record: record)
        return nil
    }

    // MARK: Skipping

    /// Skips the value of an unknown field: a scalar (strings joined, or a
    /// `[a, b]` list) or a block, nested blocks counted without recursion.
    /// Returns false when the text ends inside it.
    mutating func skipValue(record: Int?) -> Bool {
        var (token, offset) = tokenizer.next()
        if token == .symbol(UInt8(ascii: ":")) { (token, offset) = tokenizer.next() }
        switch token {
        case .symbol(UInt8(ascii: "{")), .symbol(UInt8(ascii: "<")):
            return skipBlock(record: record, from: offset)
        case .symbol(UInt8(ascii: "[")):
            while true {
                let (item, _) = tokenizer.next()
                if item == .end || item == .symbol(UInt8(ascii: "]")) { return item != .end }
            }
        case .string:
            while case .string = tokenizer.peek().token { _ = tokenizer.next() }
            return true
        case .end:
            return false
        default:
            return true
        }
    }

    /// Skips to the closer matching a block just opened.
    private mutating func skipBlock(record: Int?, from start: Int) -> Bool {
        var depth = 1
        var reportedDepth = false
        while depth > 0 {
            let (token, offset) = tokenizer.next()
            switch token {
            case .end:
                if endedInside == nil {
                    endedInside = offset
                    report(.truncated, "the dump ends inside an unknown block opened", at: start, record: record)
                }
                return false
            case .symbol(UInt8(ascii: "{")), .symbol(UInt8(ascii: "<")):
                depth += 1
                if depth > limits.maxDepth && !reportedDepth {
                    reportedDepth = true
                    report(.limitExceeded, "blocks nested deeper than the depth limit (\(limits.maxDepth)); skipped", at: offset, record: record)
                }
            case .symbol(UInt8(ascii: "}")), .symbol(UInt8(ascii: ">")):
                depth -= 1
            default:
                continue
            }
        }
        flushTokenizerProblems(record: record)
        return true
    }
}
