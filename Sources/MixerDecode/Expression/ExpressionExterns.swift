/// Mixer's extern functions (istio/istio `mixer/pkg/lang/externs.go`),
/// with their error messages. Where Mixer calls a Go library to validate
/// (IDNA for DNS names, `net/mail`, `net/url`) the rules here are the
/// common core of those, and the message says so in Mixer's form.
enum ExpressionExterns {
    static func apply(_ operation: ExpressionOperation, target: ExpressionValue?, _ values: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        switch operation {
        case .ip:
            let text = try string(values, 0)
            guard let bytes = ValueParser.ipAddress(text) else { throw failure("could not convert \(text) to IP_ADDRESS") }
            // Go's net.ParseIP gives the 16-byte form, an IPv4 address mapped.
            return .ipAddress(ipv16(bytes))
        case .timestamp:
            let text = try string(values, 0)
            guard let time = ValueParser.timestamp(text) else {
                throw failure("could not convert '\(text)' to TIMESTAMP. expected format: '2006-01-02T15:04:05Z07:00'")
            }
            return .timestamp(time)
        case .dnsName, .email, .uri:
            return try validated(operation, try string(values, 0))
        case .match:
            return .bool(match(try string(values, 0), try string(values, 1)))
        case .matches:
            return .bool(try matches(try string(target), try string(values, 0)))
        case .startsWith:
            return .bool(try string(target).utf8.starts(with: try string(values, 0).utf8))
        case .endsWith:
            return .bool(try string(target).utf8.reversed().starts(with: try string(values, 0).utf8.reversed()))
        case .emptyStringMap:
            return .stringMap([:])
        case .conditionalString:
            guard case .bool(let condition)? = values.first else { throw failure("conditionalString needs a BOOL first") }
            return .string(condition ? try string(values, 1) : try string(values, 2))
        case .toLower:
            return .string(try string(values, 0).lowercased())
        case .size:
            return .int64(Int64(try string(values, 0).utf8.count))  // Go's len: bytes
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .add, .unknown:
            throw failure("unknown function: \(operation.name)")
        }
    }

    /// `dnsName`, `email` and `uri`: the text, once it validates.
    private static func validated(_ operation: ExpressionOperation, _ text: String) throws(ExpressionError) -> ExpressionValue {
        switch operation {
        case .dnsName:
            if let problem = dnsProblem(text) { throw failure("error converting '\(text)' to dns name: '\(problem)'") }
            return .dnsName(text)
        case .email:
            if let problem = emailProblem(text) { throw failure("error converting '\(text)' to e-mail: '\(problem)'") }
            return .emailAddress(text)
        default:
            guard !text.isEmpty else { throw failure("error converting string to uri: empty string") }
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw failure("error converting string to uri '\(text)': 'net/url: invalid control character in URL'")
            }
            return .uri(text)
        }
    }

    private static func string(_ values: [ExpressionValue], _ index: Int) throws(ExpressionError) -> String {
        try string(index < values.count ? values[index] : nil)
    }

    private static func string(_ value: ExpressionValue?) throws(ExpressionError) -> String {
        guard case .string(let text)? = value else { throw failure("expected a STRING, got \(value.map { $0.type.rawValue } ?? "nothing")") }
        return text
    }

    /// `match(str, pattern)`: a pattern ending in `*` is a prefix, else one
    /// starting with `*` a suffix, else the whole text. The trailing `*` is
    /// looked at first, so `"*a*"` is the prefix `"*a"` and `"*"` matches all.
    static func match(_ text: String, _ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        if bytes.last == UInt8(ascii: "*") { return text.utf8.starts(with: bytes.dropLast()) }
        if bytes.first == UInt8(ascii: "*") { return text.utf8.reversed().starts(with: bytes.dropFirst().reversed()) }
        return text == pattern
    }

    /// `pattern.matches(str)`: Go's `regexp.MatchString`, unanchored.
    static func matches(_ pattern: String, _ text: String) throws(ExpressionError) -> Bool {
        guard let regex = try? Regex(pattern) else { throw failure("error parsing regexp: invalid pattern `\(pattern)`") }
        return text.contains(regex)
    }

    /// The 16-byte form of an IP address (IPv4 mapped), as `net.IP.Equal` compares.
    static func ipv16(_ bytes: [UInt8]) -> [UInt8] {
        bytes.count == 4 ? [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF] + bytes : bytes
    }

    /// A DNS name as compared: lower case, without a trailing dot.
    static func dnsKey(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
    }

    static func emailKey(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at]) + "@" + dnsKey(String(address[address.index(after: at)...]))
    }

    /// Why `name` is not a DNS name: labels of 1 to 63 letters, digits or
    /// hyphens, not starting or ending with a hyphen, 253 bytes at most.
    static func dnsProblem(_ name: String) -> String? {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        guard !trimmed.isEmpty, trimmed.utf8.count <= 253 else { return "idna: invalid label \"\(name)\"" }
        for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            let valid = (1...63).contains(label.utf8.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" }
            if !valid { return "idna: invalid label \"\(label)\"" }
        }
        return nil
    }

    /// Why `address` is not a bare e-mail address (no display name).
    static func emailProblem(_ address: String) -> String? {
        if address.contains("<") || address.contains(" ") { return "display names are not allowed" }
        guard let at = address.lastIndex(of: "@"), at != address.startIndex else { return "mail: missing @ in addr-spec" }
        let domain = String(address[address.index(after: at)...])
        return dnsProblem(domain)
    }

    private static func failure(_ message: String) -> ExpressionError { ExpressionEvaluator.error(message) }
}
