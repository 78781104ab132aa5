/// Mixer's `process`: from Go's syntax tree to `MixerExpression`, with its
/// rejections (istio/istio `mixer/pkg/lang/ast/expr.go`).
enum ExpressionBuilder {
    /// Go's operator tokens by the names Mixer gives them (`tMap`). An
    /// operator it lacks (`<<`, `>>`, `&^`, `<-`) gets an empty name, which
    /// the checker then reports as an unknown function.
    static let operatorNames: [String: String] = [
        "+": "ADD", "-": "SUB", "*": "MUL", "/": "QUO", "%": "REM", "&": "AND", "|": "OR", "^": "XOR",
        "&&": "LAND", "||": "LOR", "==": "EQ", "<": "LT", ">": "GT", "!": "NOT", "!=": "NEQ", "<=": "LEQ",
        ">=": "GEQ",
    ]

    static func build(_ node: GoNode) throws -> MixerExpression {
        switch node {
        case .unary(let op, let operand, _):
            return .function(name: operatorNames[op] ?? "", target: nil, arguments: [try build(operand)])
        case .binary(let op, let left, let right, _):
            return .function(name: operatorNames[op] ?? "", target: nil, arguments: [try build(left), try build(right)])
        case .call(let callee, let arguments):
            return try call(callee, arguments)
        case .paren(let inner):
            return try build(inner)
        case .literal(let token):
            return .constant(try constant(token))
        case .identifier(let name, _):
            let lower = name.lowercased()
            if lower == "true" || lower == "false" { return .constant(ExpressionConstant(text: lower, value: .bool(lower == "true"))) }
            return .attribute(name)
        case .selector:
            let (anchor, parts) = try flatten(node)
            guard anchor == nil else { throw unexpected(node) }
            return .attribute(parts.reversed().joined(separator: "."))
        case .index(let map, let key):
            return .function(name: "INDEX", target: nil, arguments: [try build(map), try build(key)])
        case .unsupported:
            throw unexpected(node)
        }
    }

    /// `f(x)`, `a.b.f(x)` (target `$a.b`) and `g().f(x)` (target `g()`).
    private static func call(_ callee: GoNode, _ arguments: [GoNode]) throws -> MixerExpression {
        switch callee {
        case .identifier(let name, _):
            return .function(name: name, target: nil, arguments: try arguments.map(build))
        case .selector:
            let (anchor, parts) = try flatten(callee)
            let target: MixerExpression
            if let anchor {
                target = try build(anchor)
                guard parts.count == 1 else { throw unexpected(callee) }
            } else {
                target = .attribute(parts.dropFirst().reversed().joined(separator: "."))
            }
            return .function(name: parts[0], target: target, arguments: try arguments.map(build))
        default:
            // Mixer's switch has no other case: the expression stays empty.
            return .empty
        }
    }

    /// The names of a selector chain, innermost last (`a.b.c` gives c, b, a),
    /// and the call, literal or parenthesis it hangs from, if any.
    private static func flatten(_ node: GoNode) throws -> (anchor: GoNode?, parts: [String]) {
        var parts: [String] = []
        var current = node
        while case .selector(let base, let name) = current {
            parts.append(name)
            switch base {
            case .selector: current = base
            case .identifier(let root, _): return (nil, parts + [root])
            case .call, .literal, .paren: return (base, parts)
            default: throw unexpected(base)
            }
        }
        throw unexpected(node)
    }

    /// `newConstant`: INT by `ParseInt(v, 10, 64)`, FLOAT by `ParseFloat`,
    /// STRING and CHAR by `Unquote`, then DURATION if `ParseDuration` reads
    /// the text. An imaginary number is none of these: `Unquote` rejects it.
    private static func constant(_ token: GoToken) throws -> ExpressionConstant {
        let value: Result<ExpressionConstant.Value, LiteralError> = switch token.kind {
        case .int: GoLiterals.parseInt(token.text).map { .int64($0) }
        case .float: GoLiterals.parseFloat(token.text).map { .double($0) }
        default: GoLiterals.unquote(token.text).map { text in GoLiterals.parseDuration(text).map { .duration($0) } ?? .string(text) }
        }
        switch value {
        case .success(let value): return ExpressionConstant(text: token.text, value: value)
        case .failure(let error): throw ExpressionError(stage: .parse, message: error.message, column: token.column)
        }
    }

    private static func unexpected(_ node: GoNode) -> ExpressionError {
        ExpressionError(stage: .parse, message: "unexpected expression: \(describe(node))", column: column(of: node))
    }

    private static func describe(_ node: GoNode) -> String {
        switch node {
        case .unsupported(let what, _): what
        case .call: "a call"
        case .selector(_, let name): "selector .\(name)"
        case .index: "an index"
        case .literal(let token): token.text
        case .identifier(let name, _): name
        case .paren: "a parenthesized expression"
        case .unary(let op, _, _), .binary(let op, _, _, _): "operator \(op)"
        }
    }

    /// Where a node starts, for the error's column (nil where Go's tree
    /// keeps no position this model has).
    private static func column(of node: GoNode) -> Int? {
        switch node {
        case .identifier(_, let column), .unsupported(_, let column), .unary(_, _, let column): column
        case .binary(_, let left, _, _): column(of: left)
        case .literal(let token): token.column
        case .selector(let base, _), .index(let base, _), .call(let base, _), .paren(let base): column(of: base)
        }
    }
}
