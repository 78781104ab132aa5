import MixerDecodeSupport

/// Reads attribute values back from the text forms `ValueFormatter` writes
/// (the NDJSON contract), typed by the attribute manifest: RFC 3339
/// timestamps, "1.5s" durations, IP addresses, base64 bytes. The inverse of
/// rendering, for `mixerdecode encode`.
public enum ValueParser {
    /// A string value of attribute `name`, typed by the manifest. Nil when
    /// the text does not fit the manifest type (say "12:00" for a TIMESTAMP).
    public static func value(fromString text: String, attribute name: String, manifest: AttributeManifest = .istio116) -> AttributeValue? {
        switch manifest.type(of: name) {
        case .timestamp?: return timestamp(text).map(AttributeValue.timestamp)
        case .duration?: return duration(text).map(AttributeValue.duration)
        case .ipAddress?: return (ipAddress(text) ?? base64(text)).map(AttributeValue.bytes)
        case .bytes?: return base64(text).map(AttributeValue.bytes)
        case .double?:
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default: return Double(text).map(AttributeValue.double)
            }
        case .int64?: return Int64(text).map(AttributeValue.int64)
        default: return .string(text)
        }
    }

    /// "2019-05-20T08:12:20.125365976Z" or with an offset ("+02:00").
    public static func timestamp(_ text: String) -> ProtoTimestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] | 0x20 == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var nanos: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, ByteSearch.isDigit(bytes[index]) {
                if digits < 9 { nanos = nanos * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(bytes[(index + 1)..<(index + 3)]), let minutes = number(bytes[(index + 4)..<(index + 6)])
            else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return ProtoTimestamp(seconds: seconds, nanos: Int32(nanos))
    }

    /// "0.003391876s", "-1.5s", "3s".
    public static func duration(_ text: String) -> ProtoDuration? {
        guard text.hasSuffix("s") else { return nil }
        var body = Substring(text.dropLast())
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let seconds = Int64(parts[0]), !parts[0].isEmpty,
              parts.count == 1 || (1...9).contains(parts[1].count) && parts[1].allSatisfy(\.isASCII)
        else { return nil }
        var nanos: Int64 = 0
        if parts.count == 2 {
            guard let fraction = Int64(parts[1]) else { return nil }
            nanos = fraction
            for _ in parts[1].count..<9 { nanos *= 10 }
        }
        return negative ? ProtoDuration(seconds: -seconds, nanos: -Int32(nanos)) : ProtoDuration(seconds: seconds, nanos: Int32(nanos))
    }

    /// Dotted IPv4 (4 bytes) or IPv6 text (16 bytes, `::` allowed).
    public static func ipAddress(_ text: String) -> [UInt8]? {
        if !text.contains(":") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            let bytes = parts.compactMap { UInt8($0) }
            return bytes.count == 4 ? bytes : nil
        }
        var halves = [text]
        if let gap = text.firstRange(of: "::") {
            halves = [String(text[..<gap.lowerBound]), String(text[gap.upperBound...])]
            guard halves[1].firstRange(of: "::") == nil else { return nil }
        }
        // Go's `net.ParseIP` also reads a dotted IPv4 address as the last two
        // groups (`::ffff:10.0.0.1`).
        func groups(_ part: String, last: Bool) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var components = part.split(separator: ":", omittingEmptySubsequences: false)
            var embedded: [UInt16] = []
            if last, let final = components.last, final.contains(".") {
                guard let v4 = ipAddress(String(final)), v4.count == 4 else { return nil }
                embedded = [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                components.removeLast()
            }
            let values = components.map { UInt16($0, radix: 16) }
            return values.contains(nil) ? nil : values.map { $0! } + embedded
        }
        guard let head = groups(halves[0], last: halves.count == 1), let tail = halves.count == 2 ? groups(halves[1], last: true) : []
        else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + [UInt16](repeating: 0, count: halves.count == 2 ? missing : 0) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Standard or URL-safe base64, padding optional.
    public static func base64(_ text: String) -> [UInt8]? {
        let (bytes, bad) = Base64Text.decode(Array(text.utf8)[...])
        return bad == nil ? bytes : nil
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard digits.allSatisfy(ByteSearch.isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }

    /// Howard Hinnant's `days_from_civil`.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
