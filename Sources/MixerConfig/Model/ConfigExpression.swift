import MixerDecode

/// An expression of a configuration field, parsed and type-checked once
/// when the configuration is built, as Mixer compiles it at config time.
public struct ConfigExpression: Sendable, CustomStringConvertible {
    /// As written in the resource.
    public var text: String
    public var expression: MixerExpression
    /// What the checker inferred; nil for a type Mixer leaves unspecified.
    public var type: AttributeType?
    /// Ready to evaluate on bags slotted by the checker's manifest.
    public var compiled: CompiledExpression

    public var description: String { text }

    /// Parses and checks `text`: the expression, or Mixer's error.
    static func compile(_ text: String, checker: ExpressionChecker) -> Result<ConfigExpression, ExpressionError> {
        MixerExpression.parse(text).flatMap { parsed in
            checker.type(of: parsed).map {
                ConfigExpression(text: text, expression: parsed, type: $0, compiled: CompiledExpression(parsed, names: checker.manifest.names))
            }
        }
    }
}
