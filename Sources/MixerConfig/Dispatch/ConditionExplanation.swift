import MixerDecode

/// Why a rule's condition is false, said as the smallest part that decided
/// it: the operand of its `&&` chain (nested ones too) that was false, else
/// the whole condition; written back in Go syntax with the values the
/// record gave. The parts and their text are worked out once per rule.
public struct ConditionExplanation: Sendable {
    struct Part: Sendable {
        let compiled: CompiledExpression
        /// The text up to the first value: `(a == "x") (a = `; nil when the
        /// part reads no attribute.
        let head: String?
        /// The attributes it reads, in order, once each.
        let attributes: [String]
        /// Before each value after the first: `, b = `.
        let separators: [String]
        let text: String
    }

    /// The operands of the top-level `&&` chain, in evaluation order; the
    /// whole condition when it is no `&&`.
    let parts: [Part]
    /// Every attribute the condition reads, once each.
    let attributes: [String]

    init(_ condition: ConfigExpression) {
        parts = Self.operands(condition.expression).map { operand in
            let text = GoSyntax.text(operand)
            let attributes = operand.attributeNames
            return Part(
                compiled: CompiledExpression(operand, names: condition.compiled.names),
                head: attributes.first.map { text + " (" + $0 + " = " }, attributes: attributes,
                separators: attributes.dropFirst().map { ", " + $0 + " = " }, text: text)
        }
        attributes = condition.expression.attributeNames
    }

    /// For a condition that evaluated to false on `bag` (not to an error):
    /// every operand before the first false one was true, so that one
    /// decided it.
    func explain(_ bag: AttributeBag) -> String {
        let evaluator = ExpressionEvaluator()
        let part = parts.first { if case .success(.bool(false)) = evaluator.evaluate($0.compiled, in: bag) { true } else { false } } ?? parts[parts.count - 1]
        guard let head = part.head else { return part.text + " is false" }
        var text = head
        text.reserveCapacity(head.utf8.count + 64)
        for (index, name) in part.attributes.enumerated() {
            if index > 0 { text += part.separators[index - 1] }
            if let value = bag[name] {
                text += "\""
                text += Stringify.text(value)
                text += "\""
            } else {
                text += "absent"
            }
        }
        text += ") is false"
        return text
    }

    private static func operands(_ expression: MixerExpression) -> [MixerExpression] {
        guard case .function("LAND", nil, let arguments) = expression, arguments.count == 2 else { return [expression] }
        return operands(arguments[0]) + operands(arguments[1])
    }
}

/// A Mixer expression written back as the Go expression it was parsed from.
enum GoSyntax {
    static let operators = ["EQ": "==", "NEQ": "!=", "LT": "<", "LEQ": "<=", "GT": ">", "GEQ": ">=", "LAND": "&&", "LOR": "||", "OR": "|", "ADD": "+"]

    static func text(_ expression: MixerExpression) -> String {
        switch expression {
        case .constant(let constant): return constant.text
        case .attribute(let name): return name
        case .empty: return "<nil>"
        case .function("INDEX", nil, let arguments) where arguments.count == 2:
            return text(arguments[0]) + "[" + text(arguments[1]) + "]"
        case .function(let name, nil, let arguments) where arguments.count == 2 && operators[name] != nil:
            return "(" + text(arguments[0]) + " " + operators[name]! + " " + text(arguments[1]) + ")"
        case .function(let name, let target, let arguments):
            let receiver = target.map { text($0) + "." } ?? ""
            return receiver + name + "(" + arguments.map(text).joined(separator: ", ") + ")"
        }
    }
}
