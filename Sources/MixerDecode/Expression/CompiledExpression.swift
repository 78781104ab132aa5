/// An expression made ready to evaluate on many records, as Mixer compiles
/// its configuration once (`mixer/pkg/lang/compiler`): each attribute is
/// its slot in an ``AttributeNames`` table, each operator and function is
/// resolved from its name, and each constant is a value already.
///
///     let names = manifest.names
///     let compiled = CompiledExpression(expression, names: names)
///     ExpressionEvaluator().evaluate(compiled, in: bag)   // bag slotted by names
public struct CompiledExpression: Sendable {
    public let source: MixerExpression
    /// The table the attribute slots index.
    public let names: AttributeNames
    let root: Node

    public init(_ source: MixerExpression, names: AttributeNames) {
        self.source = source
        self.names = names
        root = Node(source, names)
    }

    /// One step of the evaluation; the cases of ``ExpressionEvaluator``.
    indirect enum Node: Sendable {
        case constant(ExpressionValue)
        /// `slot` in the table; nil when the table lacks the name (only an
        /// unchecked expression gets one), then it is looked up by name.
        case attribute(name: String, slot: Int?)
        /// `a | b`: the first operand that is present.
        case firstPresent(Node, Node)
        /// `m[k]`; the source for the message of a mistyped operand.
        case index(map: Node, key: Node, source: MixerExpression)
        case and(Node, Node)
        case or(Node, Node)
        case conditional(Node, Node, Node)
        /// Every other operator and function: the target and arguments
        /// evaluated first, in order.
        case call(ExpressionOperation, target: Node?, arguments: [Node])
        /// What fails whenever it is evaluated (a call with too few
        /// arguments, a call of nothing).
        case failure(String)

        init(_ expression: MixerExpression, _ names: AttributeNames) {
            switch expression {
            case .constant(let constant):
                self = .constant(ExpressionValue(constant.value))
            case .attribute(let name):
                self = .attribute(name: name, slot: names.slot(of: name))
            case .empty:
                self = .failure("the call has no function Mixer can name")
            case .function(let name, let target, let arguments):
                // The checker rejects too few arguments; an unchecked
                // expression (`OR(a)` written as a call) gets the checker's
                // message when evaluated, not a trap.
                let needed = Self.arity[name] ?? 0
                guard target != nil || arguments.count >= needed else {
                    self = .failure("\(expression) arity mismatch. Got \(arguments.count) arg(s), expected \(needed) arg(s)")
                    return
                }
                let nodes = arguments.map { Node($0, names) }
                switch (name, target) {
                case ("OR", nil): self = .firstPresent(nodes[0], nodes[1])
                case ("LAND", nil): self = .and(nodes[0], nodes[1])
                case ("LOR", nil): self = .or(nodes[0], nodes[1])
                case ("conditional", nil): self = .conditional(nodes[0], nodes[1], nodes[2])
                case ("INDEX", nil): self = .index(map: nodes[0], key: nodes[1], source: expression)
                default: self = Self.folded(.call(ExpressionOperation(name), target: target.map { Node($0, names) }, arguments: nodes))
                }
            }
        }

        /// A call of constants is its value (`ip("0.0.0.0")` is parsed once):
        /// every operation is a function of its operands alone. One that
        /// fails stays a call, to fail where Mixer's does, when evaluated.
        private static func folded(_ call: Node) -> Node {
            guard case .call(let operation, let target, let arguments) = call else { return call }
            var values: [ExpressionValue] = []
            for argument in arguments {
                guard case .constant(let value) = argument else { return call }
                values.append(value)
            }
            var receiver: ExpressionValue?
            if let target {
                guard case .constant(let value) = target else { return call }
                receiver = value
            }
            guard let value = try? ExpressionOperations.apply(operation, target: receiver, values) else { return call }
            return .constant(value)
        }

        /// The arguments the operators need, for the check above.
        private static let arity = ["OR": 2, "LAND": 2, "LOR": 2, "INDEX": 2, "conditional": 3]
    }
}

/// The operators and functions that evaluate all their operands first,
/// by the name Mixer's expression tree gives them.
enum ExpressionOperation: Sendable, Equatable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, add
    case ip, timestamp, dnsName, email, uri
    case match, matches, startsWith, endsWith
    case emptyStringMap, conditionalString, toLower, size
    /// A name Mixer has no function for.
    case unknown(String)

    init(_ name: String) {
        self = switch name {
        case "EQ": .equal
        case "NEQ": .notEqual
        case "LT": .less
        case "LEQ": .lessOrEqual
        case "GT": .greater
        case "GEQ": .greaterOrEqual
        case "ADD": .add
        case "ip": .ip
        case "timestamp": .timestamp
        case "dnsName": .dnsName
        case "email": .email
        case "uri": .uri
        case "match": .match
        case "matches": .matches
        case "startsWith": .startsWith
        case "endsWith": .endsWith
        case "emptyStringMap": .emptyStringMap
        case "conditionalString": .conditionalString
        case "toLower": .toLower
        case "size": .size
        default: .unknown(name)
        }
    }

    /// The name in Mixer's expression tree.
    var name: String {
        switch self {
        case .equal: "EQ"
        case .notEqual: "NEQ"
        case .less: "LT"
        case .lessOrEqual: "LEQ"
        case .greater: "GT"
        case .greaterOrEqual: "GEQ"
        case .add: "ADD"
        case .ip: "ip"
        case .timestamp: "timestamp"
        case .dnsName: "dnsName"
        case .email: "email"
        case .uri: "uri"
        case .match: "match"
        case .matches: "matches"
        case .startsWith: "startsWith"
        case .endsWith: "endsWith"
        case .emptyStringMap: "emptyStringMap"
        case .conditionalString: "conditionalString"
        case .toLower: "toLower"
        case .size: "size"
        case .unknown(let name): name
        }
    }
}
