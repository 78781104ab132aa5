/// Evaluates a checked expression on the attributes present, with Mixer's
/// run-time semantics (istio/istio `mixer/pkg/lang/compiler/compiler.go`
/// and `mixer/pkg/il/interpreter/interpreterRun.go`):
///
/// - an attribute that is absent is an error (`lookup failed: 'x'`),
///   except as the left of `|`;
/// - `a | b` is `a` when `a` is present, even `""`, `0` or `false`; a chain
///   `a | b | c` takes the first present; a constant or a function call
///   always counts as present, so what follows it is never reached;
/// - `m["k"]` is `""` when the key is absent (an error when `m` is), and
///   falls through to the right of `|` when either is absent;
/// - `&&` and `||` stop at the first operand that decides; `conditional`
///   evaluates only the branch it takes; every other function evaluates
///   all its arguments first.
public struct ExpressionEvaluator: Sendable {
    public init() {}

    public func evaluate(_ expression: MixerExpression, attributes: [String: ExpressionValue]) -> Result<ExpressionValue, ExpressionError> {
        Result { try value(expression, attributes) }.mapError { $0 as! ExpressionError }
    }

    func value(_ expression: MixerExpression, _ bag: [String: ExpressionValue]) throws -> ExpressionValue {
        switch expression {
        case .constant(let constant):
            return ExpressionValue(constant.value)
        case .attribute(let name):
            guard let value = bag[name] else { throw Self.error("lookup failed: '\(name)'") }
            if let conversion = value.conversionError { throw Self.error(conversion) }
            return value
        case .function(let name, let target, let arguments):
            return try call(name, target: target, arguments, bag)
        case .empty:
            throw Self.error("the call has no function Mixer can name")
        }
    }

    /// The value of the left of `|`: nil when it is absent (an attribute not
    /// sent, a map or key not there, or a chain of those).
    private func present(_ expression: MixerExpression, _ bag: [String: ExpressionValue]) throws -> ExpressionValue? {
        switch expression {
        case .attribute(let name):
            // Present but of another type: still an error (`tresolve_*`).
            if let conversion = bag[name]?.conversionError { throw Self.error(conversion) }
            return bag[name]
        case .function("OR", nil, let arguments) where arguments.count == 2:
            return try present(arguments[0], bag) ?? present(arguments[1], bag)
        case .function("INDEX", nil, let arguments) where arguments.count == 2:
            guard case .stringMap(let map)? = try present(arguments[0], bag) else { return nil }
            guard case .string(let key) = try value(arguments[1], bag) else { throw Self.typeError(expression) }
            return map[key].map(ExpressionValue.string)
        default:
            return try value(expression, bag)
        }
    }

    private func call(
        _ name: String, target: MixerExpression?, _ arguments: [MixerExpression], _ bag: [String: ExpressionValue]
    ) throws -> ExpressionValue {
        // The checker rejects too few arguments; an unchecked expression
        // (`OR(a)` written as a call) gets the checker's message, not a trap.
        let needed = Self.arity[name] ?? 0
        guard target != nil || arguments.count >= needed else {
            throw Self.error("\(MixerExpression.function(name: name, target: nil, arguments: arguments)) arity mismatch. Got \(arguments.count) arg(s), expected \(needed) arg(s)")
        }
        switch (name, target) {
        case ("OR", nil):
            return try present(arguments[0], bag) ?? value(arguments[1], bag)
        case ("LAND", nil):
            return .bool(try truth(arguments[0], bag) ? truth(arguments[1], bag) : false)
        case ("LOR", nil):
            return .bool(try truth(arguments[0], bag) ? true : truth(arguments[1], bag))
        case ("conditional", nil):
            return try value(truth(arguments[0], bag) ? arguments[1] : arguments[2], bag)
        case ("INDEX", nil):
            guard case .stringMap(let map) = try value(arguments[0], bag), case .string(let key) = try value(arguments[1], bag)
            else { throw Self.typeError(.function(name: name, target: nil, arguments: arguments)) }
            return .string(map[key] ?? "")
        default:
            let receiver = try target.map { try value($0, bag) }
            let values = try arguments.map { try value($0, bag) }
            return try ExpressionOperations.apply(name, target: receiver, values)
        }
    }

    /// The arguments the operators need, for the check above (made once).
    private static let arity = ["OR": 2, "LAND": 2, "LOR": 2, "INDEX": 2, "conditional": 3]

    private func truth(_ expression: MixerExpression, _ bag: [String: ExpressionValue]) throws -> Bool {
        guard case .bool(let truth) = try value(expression, bag) else { throw Self.typeError(expression) }
        return truth
    }

    static func error(_ message: String) -> ExpressionError { ExpressionError(stage: .eval, message: message, column: nil) }

    /// A value of another type than checking promised: only an unchecked
    /// expression gets here.
    static func typeError(_ expression: MixerExpression) -> ExpressionError {
        error("\(expression): a value of another type than the expression was checked for")
    }
}
