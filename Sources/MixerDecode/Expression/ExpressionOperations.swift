import MixerDecodeSupport

/// The operators and functions that evaluate all their operands first:
/// comparisons, `+`, and Mixer's externs (istio/istio
/// `mixer/pkg/lang/externs.go`), with their error messages.
enum ExpressionOperations {
    static func apply(_ name: String, target: ExpressionValue?, _ values: [ExpressionValue]) throws -> ExpressionValue {
        switch (name, target, values) {
        case ("EQ", nil, let pair) where pair.count == 2: return .bool(try equal(pair[0], pair[1]))
        case ("NEQ", nil, let pair) where pair.count == 2: return .bool(try !equal(pair[0], pair[1]))
        case ("LT", nil, let pair) where pair.count == 2: return .bool(try order(pair[0], pair[1]) < 0)
        case ("LEQ", nil, let pair) where pair.count == 2: return .bool(try order(pair[0], pair[1]) <= 0)
        case ("GT", nil, let pair) where pair.count == 2: return .bool(try order(pair[0], pair[1]) > 0)
        case ("GEQ", nil, let pair) where pair.count == 2: return .bool(try order(pair[0], pair[1]) >= 0)
        case ("ADD", nil, let pair) where pair.count == 2: return try add(pair[0], pair[1])
        default: return try ExpressionExterns.apply(name, target: target, values)
        }
    }

    /// `==` as Mixer compiles it per type: IP addresses by `net.IP.Equal` (a
    /// 4-byte address equals its IPv4-mapped 16 bytes), timestamps by
    /// instant, DNS names ignoring case and a trailing dot.
    static func equal(_ left: ExpressionValue, _ right: ExpressionValue) throws -> Bool {
        switch (left, right) {
        case (.ipAddress(let a), .ipAddress(let b)): return ExpressionExterns.ipv16(a) == ExpressionExterns.ipv16(b)
        case (.dnsName(let a), .dnsName(let b)): return ExpressionExterns.dnsKey(a) == ExpressionExterns.dnsKey(b)
        case (.emailAddress(let a), .emailAddress(let b)): return ExpressionExterns.emailKey(a) == ExpressionExterns.emailKey(b)
        case (.duration, .duration), (.stringMap, .stringMap):
            throw ExpressionEvaluator.error("equality of \(left.type.rawValue) values is not implemented in Mixer (its compiler rejects it)")
        default: return left == right
        }
    }

    /// `<` and the others (Istio 1.1+): strings, integers, doubles, timestamps.
    static func order(_ left: ExpressionValue, _ right: ExpressionValue) throws -> Int {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
        switch (left, right) {
        case (.string(let a), .string(let b)): return sign(LastPerKey.compareBytes(a, b), 0)  // Go compares bytes
        case (.int64(let a), .int64(let b)): return sign(a, b)
        case (.double(let a), .double(let b)): return sign(a, b)
        case (.timestamp(let a), .timestamp(let b)): return sign(a.seconds, b.seconds) != 0 ? sign(a.seconds, b.seconds) : sign(a.nanos, b.nanos)
        default: throw ExpressionEvaluator.error("ordering of \(left.type.rawValue) values is not implemented in Mixer")
        }
    }

    /// `+`: strings joined, integers added as Go adds them (wrapping), doubles.
    static func add(_ left: ExpressionValue, _ right: ExpressionValue) throws -> ExpressionValue {
        switch (left, right) {
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.int64(let a), .int64(let b)): return .int64(a &+ b)
        case (.double(let a), .double(let b)): return .double(a + b)
        default: throw ExpressionEvaluator.error("addition of \(left.type.rawValue) values is not implemented in Mixer")
        }
    }
}
