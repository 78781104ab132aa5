import MixerDecode

/// Why a condition is false, said as the smallest part that decided it:
/// the false operand of `&&`, both of a false `||`, else the whole.
enum ConditionExplanation {
    static func falsePart(_ expression: MixerExpression, _ bag: [String: ExpressionValue]) -> MixerExpression {
        guard case .function(let name, nil, let arguments) = expression, arguments.count == 2, name == "LAND" else {
            return expression
        }
        let left = ExpressionEvaluator().evaluate(arguments[0], attributes: bag)
        if case .success(.bool(false)) = left { return falsePart(arguments[0], bag) }
        return falsePart(arguments[1], bag)
    }

    /// The part, written back in Go syntax with the values the record gave.
    static func describe(_ part: MixerExpression, _ bag: [String: ExpressionValue]) -> String {
        var text = GoSyntax.text(part)
        var shown: [String] = []
        for name in attributes(in: part) {
            shown.append("\(name) = " + (bag[name].map { "\"\(Stringify.text($0))\"" } ?? "absent"))
        }
        if !shown.isEmpty { text += " (" + shown.joined(separator: ", ") + ")" }
        return text + " is false"
    }

    private static func attributes(in expression: MixerExpression) -> [String] {
        switch expression {
        case .attribute(let name): return [name]
        case .function(_, let target, let arguments):
            var names: [String] = target.map(attributes(in:)) ?? []
            for argument in arguments { names += attributes(in: argument).filter { !names.contains($0) } }
            return names
        default: return []
        }
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
