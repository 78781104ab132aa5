/// An expression of Mixer's configuration language (CEXL), as Mixer builds
/// it from Go's syntax tree (istio/istio `mixer/pkg/lang/ast/expr.go`,
/// `Parse` and `process`): constants, attributes (`a.b.c` is one flat
/// name), and functions, operators included (`a == b` is `EQ($a, $b)`,
/// `m["k"]` is `INDEX($m, "k")`, `x.f(y)` is `f` with target `x`).
///
///     MixerExpression.parse(#"context.protocol | "unknown" == "tcp""#)
///     // .success: EQ(OR($context.protocol, "unknown"), "tcp")
///
/// Whether the names and functions exist, and the types, are checked later,
/// against an attribute manifest.
public indirect enum MixerExpression: Sendable, Equatable, CustomStringConvertible {
    case constant(ExpressionConstant)
    case attribute(String)
    case function(name: String, target: MixerExpression?, arguments: [MixerExpression])
    /// What Mixer builds for a call of something that is neither a name nor
    /// a selector (`(f)(x)`): nothing, printed `<nil>`.
    case empty

    /// Mixer's postfix form (`Expression.String()`), which its tests and
    /// logs use: `EQ($a.b, 3.14)`, `$a:b($q)` for a method call.
    public var description: String {
        switch self {
        case .constant(let constant): return constant.text
        case .attribute(let name): return "$" + name
        case .empty: return "<nil>"
        case .function(let name, let target, let arguments):
            let receiver = target.map { "\($0):" } ?? ""
            return receiver + name + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
        }
    }

    /// Every attribute it reads, once each, in order.
    public var attributeNames: [String] {
        switch self {
        case .attribute(let name): return [name]
        case .function(_, let target, let arguments):
            var names: [String] = target?.attributeNames ?? []
            for argument in arguments { names += argument.attributeNames.filter { !names.contains($0) } }
            return names
        case .constant, .empty: return []
        }
    }

    /// The expression, or why Mixer rejects it (stage `parse`).
    public static func parse(_ source: String) -> Result<MixerExpression, ExpressionError> {
        switch GoExpressionParser.parse(source) {
        case .failure(let syntax):
            return .failure(ExpressionError(
                stage: .parse, message: "unable to parse expression '\(source)': \(syntax.description)", column: syntax.column))
        case .success(let node):
            return Result { try ExpressionBuilder.build(node) }.mapError { $0 as! ExpressionError }
        }
    }
}

/// A literal, typed as Mixer types it: an integer is INT64, a number with a
/// point or exponent DOUBLE, a quoted text STRING unless Go's
/// `time.ParseDuration` reads it (`"10s"`, `"1h30m"`, and `"0"`), then
/// DURATION; `true` and `false`, in any case, BOOL.
public struct ExpressionConstant: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case int64(Int64), double(Double), string(String), bool(Bool)
        /// Nanoseconds.
        case duration(Int64)
    }

    /// As written (a string with its quotes); `true`/`false` lower-cased.
    public var text: String
    public var value: Value
}

/// Why an expression cannot be used, at which stage, and where (1-based
/// column in the expression, when there is one).
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Stage: String, Sendable {
        /// Not an expression (Go's syntax, or a form Mixer does not accept).
        case parse
        /// An unknown attribute or function, or mismatched types.
        case check
        /// Evaluation failed on the attributes given (a missing attribute).
        case eval
    }

    public var stage: Stage
    public var message: String
    public var column: Int?

    public var description: String { message }
}
