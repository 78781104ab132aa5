/// Mixer's type checking of an expression against an attribute manifest
/// (istio/istio `mixer/pkg/lang/ast/expr.go`, `EvalType`), with its
/// messages: `unknown attribute x`, `unknown function: f`, `... arity
/// mismatch. Got 1 arg(s), expected 2 arg(s)`, `... arg 2 ("5") typeError
/// got STRING, expected INT64`.
public struct ExpressionChecker: Sendable {
    public var manifest: AttributeManifest
    let functions: [String: FunctionSignature]

    public init(manifest: AttributeManifest) {
        self.init(manifest: manifest, functions: ExpressionFunctions.standard)
    }

    /// The checker of one Mixer release's language: its functions only
    /// (`mixerMinor` as ``MixerRelease`` counts: 0.8 is 8, 1.0 is 10, ...).
    public init(manifest: AttributeManifest, mixerMinor: Int) {
        self.init(manifest: manifest, functions: ExpressionFunctions.of(mixerMinor: mixerMinor))
    }

    init(manifest: AttributeManifest, functions: [String: FunctionSignature]) {
        self.manifest = manifest
        self.functions = functions
    }

    /// The type the expression evaluates to; nil for one Mixer leaves
    /// unspecified (an unbound template type); or why it does not check.
    public func type(of expression: MixerExpression) -> Result<AttributeType?, ExpressionError> {
        Result { try check(expression) }.mapError { $0 as! ExpressionError }
    }

    private func check(_ expression: MixerExpression) throws -> AttributeType? {
        switch expression {
        case .constant(let constant): return constant.type
        case .attribute(let name):
            guard let type = manifest.type(of: name) else { throw Self.error("unknown attribute \(name)") }
            return type
        case .function(let name, let target, let arguments):
            return try checkFunction(expression, name: name, target: target, arguments: arguments)
        case .empty:
            throw Self.error("the call has no function Mixer can name")
        }
    }

    private func checkFunction(
        _ call: MixerExpression, name: String, target: MixerExpression?, arguments: [MixerExpression]
    ) throws -> AttributeType? {
        guard let function = functions[name] else { throw Self.error("unknown function: \(name)") }
        var template: AttributeType?
        if let target {
            guard function.instance else { throw Self.error("invoking regular function on instance method: \(name)") }
            let targetType = try check(target)
            if let expected = function.target {
                guard targetType == expected else {
                    throw Self.error("\(call) target typeError got \(Self.name(targetType)), expected \(Self.name(expected))")
                }
            } else {
                template = targetType
            }
        } else if function.instance {
            throw Self.error("invoking instance method without an instance: \(name)")
        }
        guard arguments.count >= function.arguments.count else {
            throw Self.error("\(call) arity mismatch. Got \(arguments.count) arg(s), expected \(function.arguments.count) arg(s)")
        }
        // Extra arguments are not checked: Mixer's checker leaves them (a TODO there).
        for (index, argument) in arguments.prefix(function.arguments.count).enumerated() {
            let type = try check(argument)
            guard let expected = function.arguments[index] ?? template else {
                template = type
                continue
            }
            guard type == expected else {
                throw Self.error("\(call) arg \(index + 1) (\(argument)) typeError got \(Self.name(type)), expected \(Self.name(expected))")
            }
        }
        return function.result ?? template
    }

    /// Mixer's name of a type; an unspecified one is VALUE_TYPE_UNSPECIFIED.
    static func name(_ type: AttributeType?) -> String { type?.rawValue ?? "VALUE_TYPE_UNSPECIFIED" }

    private static func error(_ message: String) -> ExpressionError {
        ExpressionError(stage: .check, message: message, column: nil)
    }
}

extension ExpressionConstant {
    /// The type Mixer gives the literal.
    public var type: AttributeType {
        switch value {
        case .int64: .int64
        case .double: .double
        case .string: .string
        case .bool: .bool
        case .duration: .duration
        }
    }
}
