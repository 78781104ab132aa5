import MixerDecodeSupport

/// The operators and functions that evaluate all their operands first:
/// comparisons, `+`, and Mixer's externs (istio/istio
/// `mixer/pkg/lang/externs.go`), with their error messages.
enum ExpressionOperations {
    static func apply(_ operation: ExpressionOperation, target: ExpressionValue?, _ values: [ExpressionValue]) throws(ExpressionError) -> ExpressionValue {
        // The operators take two operands and no target; any other form of
        // their names is a function Mixer does not have.
        let pair = target == nil && values.count == 2
        switch operation {
        case .equal where pair: return .bool(try equal(values[0], values[1]))
        case .notEqual where pair: return .bool(try !equal(values[0], values[1]))
        case .less where pair: return .bool(try order(values[0], values[1]) < 0)
        case .lessOrEqual where pair: return .bool(try order(values[0], values[1]) <= 0)
        case .greater where pair: return .bool(try order(values[0], values[1]) > 0)
        case .greaterOrEqual where pair: return .bool(try order(values[0], values[1]) >= 0)
        case .add where pair: return try add(values[0], values[1])
        default: return try ExpressionExterns.apply(operation, target: target, values)
        }
    }

    /// `==` as Mixer compiles it per type: IP addresses by `net.IP.Equal` (a
    /// 4-byte address equals its IPv4-mapped 16 bytes), timestamps by
    /// instant, DNS names ignoring case and a trailing dot.
    static func equal(_ left: ExpressionValue, _ right: ExpressionValue) throws(ExpressionError) -> Bool {
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
    static func order(_ left: ExpressionValue, _ right: ExpressionValue) throws(ExpressionError) -> Int {
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
    static func add(_ left: ExpressionValue, _ right: ExpressionValue) throws(ExpressionError) -> ExpressionValue {
        switch (left, right) {
        case (.string(let a), .string(let b)): return .string(a + b)
        case (.int64(let a), .int64(let b)): return .int64(a &+ b)
        case (.double(let a), .double(let b)): return .double(a + b)
        default: throw ExpressionEvaluator.error("addition of \(left.type.rawValue) values is not implemented in Mixer")
        }
    }
}
