/// A rule as Mixer keeps it after reading the configuration
/// (istio/istio `mixer/pkg/runtime/config/ephemeral.go`,
/// `processRuleConfigs`): its condition and the actions whose handler and
/// instances were found.
public struct RuleConfig: Sendable {
    /// `name.rule.namespace`.
    public var fullName: String
    public var namespace: String
    /// The `match` (or `selector`) text; empty matches everything.
    public var matchText: String
    /// The compiled condition; nil when `matchText` is empty. A condition
    /// that does not compile leaves the rule out of routing (see `unusable`).
    public var match: ConfigExpression? {
        didSet { explanation = match.map(ConditionExplanation.init) }
    }
    /// Why `match` is false for a record, worked out once per rule.
    public private(set) var explanation: ConditionExplanation?
    public var actions: [Action]
    /// Why routing cannot use the rule although it was read (its condition
    /// does not compile: `Unable to compile match condition expression`).
    public var unusable: String?
    /// Mixer 0.8 only: the rule runs for `context.protocol == "tcp"`
    /// records and no others (label `istio-protocol: tcp`, or a top-level
    /// equality in `match`); every other rule for non-tcp records only.
    public var tcpOnly: Bool?
    public var place: ResourcePlace

    public struct Action: Sendable {
        /// The handler's full name (`prometheus.handler.istio-system`).
        public var handler: String
        /// The instances' full names, in the rule's order.
        public var instances: [String]
    }
}
