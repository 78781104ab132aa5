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

    /// The value of `expression` on `bag`, which should be slotted by the
    /// expression's ``CompiledExpression/names`` (a bag of other names is
    /// slotted again first).
    public func evaluate(_ expression: CompiledExpression, in bag: AttributeBag) -> Result<ExpressionValue, ExpressionError> {
        do {
            guard bag.names === expression.names else { return .success(try value(expression.root, bag.slotted(by: expression.names))) }
            return .success(try value(expression.root, bag))
        } catch {
            return .failure(error)
        }
    }

    /// `expression` compiled for `attributes` and evaluated on them: for
    /// one evaluation (`mixerdecode expr`, tests); configuration compiles
    /// its expressions once.
    public func evaluate(_ expression: MixerExpression, attributes: [String: ExpressionValue]) -> Result<ExpressionValue, ExpressionError> {
        let bag = AttributeBag(attributes)
        return evaluate(CompiledExpression(expression, names: bag.names), in: bag)
    }

    private typealias Node = CompiledExpression.Node

    private func value(_ node: Node, _ bag: AttributeBag) throws(ExpressionError) -> ExpressionValue {
        switch node {
        case .constant(let value):
            return value
        case .attribute(let name, let slot):
            guard let value = slot.map({ bag[slot: $0] }) ?? bag[name] else { throw Self.error("lookup failed: '\(name)'") }
            if let conversion = value.conversionError { throw Self.error(conversion) }
            return value
        case .firstPresent(let first, let second):
            if let present = try present(first, bag) { return present }
            return try value(second, bag)
        case .and(let left, let right):
            return .bool(try truth(left, bag) ? truth(right, bag) : false)
        case .or(let left, let right):
            return .bool(try truth(left, bag) ? true : truth(right, bag))
        case .conditional(let condition, let yes, let no):
            return try value(truth(condition, bag) ? yes : no, bag)
        case .index(let map, let key, let source):
            guard case .stringMap(let map) = try value(map, bag), case .string(let key) = try value(key, bag)
            else { throw Self.typeError(source) }
            return .string(map[key] ?? "")
        case .call(let operation, let target, let arguments):
            let receiver = try target.map { (node) throws(ExpressionError) in try value(node, bag) }
            var values: [ExpressionValue] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try value(argument, bag)) }
            return try ExpressionOperations.apply(operation, target: receiver, values)
        case .failure(let message):
            throw Self.error(message)
        }
    }

    /// The value of the left of `|`: nil when it is absent (an attribute not
    /// sent, a map or key not there, or a chain of those).
    private func present(_ node: Node, _ bag: AttributeBag) throws(ExpressionError) -> ExpressionValue? {
        switch node {
        case .attribute(let name, let slot):
            guard let value = slot.map({ bag[slot: $0] }) ?? bag[name] else { return nil }
            // Present but of another type: still an error (`tresolve_*`).
            if let conversion = value.conversionError { throw Self.error(conversion) }
            return value
        case .firstPresent(let first, let second):
            if let present = try present(first, bag) { return present }
            return try present(second, bag)
        case .index(let map, let key, let source):
            guard case .stringMap(let map)? = try present(map, bag) else { return nil }
            guard case .string(let key) = try value(key, bag) else { throw Self.typeError(source) }
            return map[key].map(ExpressionValue.string)
        default:
            return try value(node, bag)
        }
    }

    private func truth(_ node: Node, _ bag: AttributeBag) throws(ExpressionError) -> Bool {
        guard case .bool(let truth) = try value(node, bag) else { throw Self.error("a value of another type than BOOL where the expression was checked for one") }
        return truth
    }

    static func error(_ message: String) -> ExpressionError { ExpressionError(stage: .eval, message: message, column: nil) }

    /// A value of another type than checking promised: only an unchecked
    /// expression gets here.
    static func typeError(_ expression: MixerExpression) -> ExpressionError {
        error("\(expression): a value of another type than the expression was checked for")
    }
}
