import MixerDecode

/// Rule outcomes remembered by route and the values its condition reads:
/// the records of one Report mostly repeat them, and a rule's outcome (its
/// reason included) is a function of those values alone.
struct RuleOutcomes {
    private var known: [Key: RuleOutcome.Result] = [:]

    private struct Key: Hashable {
        var route: Int
        var values: [ExpressionValue?]
    }

    /// `route`'s rule on `bag`; `manifest`: the names the route's slots index.
    mutating func result(_ route: RoutingTable.Route, _ bag: AttributeBag, manifest: AttributeNames) -> RuleOutcome.Result {
        let slotted = bag.names === manifest
        let key = Key(route: route.index, values: route.reads.map { read in
            if slotted, let slot = read.slot { return bag[slot: slot] }
            return bag[read.name]
        })
        if let result = known[key] { return result }
        let result = RecordDispatcher.match(route.rule, bag)
        // Bounded: a condition on a value that differs in every record
        // (a path, an id) would otherwise keep one entry per record.
        if known.count >= 4096 { known.removeAll(keepingCapacity: true) }
        known[key] = result
        return result
    }
}
