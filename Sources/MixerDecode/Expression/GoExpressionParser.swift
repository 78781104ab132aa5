/// The part of Go's syntax tree an expression parses into (`go/ast`), before
/// Mixer maps it onto its own `Expression`. Nodes Mixer rejects are kept, so
/// that the rejection says what was found, as Mixer's does.
indirect enum GoNode: Sendable {
    case identifier(String, column: Int)
    case literal(GoToken)
    case paren(GoNode)
    case selector(GoNode, String)
    case index(GoNode, GoNode)
    case call(GoNode, [GoNode])
    case unary(String, GoNode, column: Int)
    case binary(String, GoNode, GoNode, column: Int)
    /// `*x`, `x[a:b]`, `T{...}`, `x.(T)`: Go expressions Mixer does not accept.
    case unsupported(String, column: Int)
}

/// Why an expression is not Go: Go's parser error, "1:COL: message".
struct GoSyntaxError: Error, Equatable, Sendable {
    var column: Int
    var message: String
    var description: String { "1:\(column): \(message)" }
}

/// Go's expression grammar (`go/parser.ParseExpr`), for one expression:
/// binary operators by Go's five precedence levels, left-associative, over
/// unary and primary expressions (operands with selectors, indexes, slices,
/// calls and composite literals after them).
struct GoExpressionParser {
    private var scanner: GoScanner
    private var token: GoToken

    init(_ source: String) {
        scanner = GoScanner(source)
        token = scanner.next()
    }

    /// The whole source as one expression, or the first syntax error.
    static func parse(_ source: String) -> Result<GoNode, GoSyntaxError> {
        var parser = GoExpressionParser(source)
        do {
            let node = try parser.binary(precedence: 1)
            if parser.token.kind == .symbol && parser.token.text == ";" { parser.advance() }
            guard parser.token.kind == .end else { throw parser.expected("'EOF'") }
            return .success(node)
        } catch let error as GoSyntaxError {
            return .failure(error)
        } catch {
            preconditionFailure("only syntax errors are thrown")
        }
    }

    /// Go's precedence of a binary operator, 0 for any other token.
    static func precedence(of token: GoToken) -> Int {
        guard token.kind == .symbol else { return 0 }
        switch token.text {
        case "||": return 1
        case "&&": return 2
        case "==", "!=", "<", "<=", ">", ">=": return 3
        case "+", "-", "|", "^": return 4
        case "*", "/", "%", "<<", ">>", "&", "&^": return 5
        default: return 0
        }
    }

    private mutating func advance() { token = scanner.next() }

    private func expected(_ what: String) -> GoSyntaxError {
        if case .illegal(let message) = token.kind { return GoSyntaxError(column: token.column, message: message) }
        return GoSyntaxError(column: token.column, message: "expected \(what), found \(token.found)")
    }

    private mutating func expect(_ symbol: String) throws {
        guard token.kind == .symbol, token.text == symbol else { throw expected("'\(symbol)'") }
        advance()
    }

    private mutating func binary(precedence minimum: Int) throws -> GoNode {
        var left = try unary()
        while true {
            // Go's parser reads an expression as the right-hand side of an
            // assignment, where `=` is taken for a mistyped `==`: it has
            // `==`'s precedence, and then fails as "expected '=='".
            let assignment = token.kind == .symbol && token.text == "="
            let level = assignment ? 3 : Self.precedence(of: token)
            guard level >= minimum else { return left }
            if assignment { throw expected("'=='") }
            let (op, column) = (token.text, token.column)
            advance()
            let right = try binary(precedence: level + 1)
            left = .binary(op, left, right, column: column)
        }
    }

    private mutating func unary() throws -> GoNode {
        guard token.kind == .symbol, ["+", "-", "!", "^", "&", "<-", "*"].contains(token.text) else { return try primary() }
        let (op, column) = (token.text, token.column)
        advance()
        let operand = try unary()
        return op == "*" ? .unsupported("pointer indirection (*)", column: column) : .unary(op, operand, column: column)
    }

    private mutating func primary() throws -> GoNode {
        var node = try operand()
        while token.kind == .symbol {
            switch token.text {
            case ".": node = try selectorOrAssertion(after: node)
            case "[": node = try indexOrSlice(of: node)
            case "(": node = .call(node, try arguments())
            case "{" where Self.isLiteralType(node):
                let column = token.column
                try skipBraces()
                node = .unsupported("composite literal", column: column)
            default: return node
            }
        }
        return node
    }

    private mutating func operand() throws -> GoNode {
        switch token.kind {
        case .identifier:
            defer { advance() }
            return .identifier(token.text, column: token.column)
        case .int, .float, .imaginary, .char, .string:
            defer { advance() }
            return .literal(token)
        case .symbol where token.text == "(":
            advance()
            let inner = try binary(precedence: 1)
            try expect(")")
            return .paren(inner)
        default:
            throw expected("operand")
        }
    }

    private mutating func selectorOrAssertion(after node: GoNode) throws -> GoNode {
        advance()
        if token.kind == .identifier {
            defer { advance() }
            return .selector(node, token.text)
        }
        guard token.kind == .symbol, token.text == "(" else { throw expected("selector or type assertion") }
        let column = token.column
        try skipBalanced(open: "(", close: ")")
        return .unsupported("type assertion", column: column)
    }

    private mutating func indexOrSlice(of node: GoNode) throws -> GoNode {
        let column = token.column
        advance()
        if token.kind == .symbol && token.text == ":" {
            try skipTo("]")
            return .unsupported("slice expression", column: column)
        }
        let index = try binary(precedence: 1)
        if token.kind == .symbol && token.text == ":" {
            try skipTo("]")
            return .unsupported("slice expression", column: column)
        }
        try expect("]")
        return .index(node, index)
    }

    private mutating func arguments() throws -> [GoNode] {
        advance()
        var list: [GoNode] = []
        while !(token.kind == .symbol && token.text == ")") {
            list.append(try binary(precedence: 1))
            guard token.kind == .symbol, token.text == "," else { break }
            advance()
        }
        try expect(")")
        return list
    }

    /// Go reads `T{` as a composite literal only after a type name: an
    /// identifier or a qualified one.
    private static func isLiteralType(_ node: GoNode) -> Bool {
        switch node {
        case .identifier: true
        case .selector(.identifier, _): true
        default: false
        }
    }

    private mutating func skipBraces() throws { try skipBalanced(open: "{", close: "}") }

    private mutating func skipBalanced(open: String, close: String) throws {
        var depth = 0
        repeat {
            if token.kind == .end { throw expected("'\(close)'") }
            if token.kind == .symbol && token.text == open { depth += 1 }
            if token.kind == .symbol && token.text == close { depth -= 1 }
            advance()
        } while depth > 0
    }

    private mutating func skipTo(_ close: String) throws {
        while !(token.kind == .symbol && token.text == close) {
            if token.kind == .end { throw expected("'\(close)'") }
            advance()
        }
        advance()
    }
}
