import MixerDecode

/// What dispatching records of one shape gave, remembered within a Report.
///
/// The records of a Report mostly differ only in ids, times, sizes and
/// durations, which no rule condition, dimension or kubernetesenv input of
/// the usual configurations reads. A record's shape is the values of the
/// attributes that decide its dispatch (``RoutingTable/shapeSlots``: every
/// attribute read but those only metric values and the time read). Two
/// records of one shape match the same rules, get the same generated
/// attributes and build instances with the same labels: everything Mixer
/// does with them is a function of those values (as ``RuleOutcomes``
/// already relies on for conditions). What differs, the time samples carry
/// and each metric's value, is evaluated again on the record itself.
///
/// Only outcomes without an error are remembered, and a record whose value
/// fails to evaluate is dispatched in full: which field fails first, and
/// what Mixer then says, is left to the full dispatch.
struct DispatchShapes {
    struct Shape {
        let outcome: RecordDispatch
        let built: [RecordDispatcher.Built]
        /// The kubernetesenv attributes the record did not send, by slot.
        let generated: [(slot: Int, value: ExpressionValue)]
    }

    /// The values that decide a dispatch: by slot, and by name those the
    /// record sent outside the manifest (what ``RecordBag`` reads by name).
    struct Key: Hashable {
        var slotted: [ExpressionValue?]
        var unslotted: [String: ExpressionValue]
    }

    private var known: [Key: Shape] = [:]
    /// Shapes remembered so far: the next one's id.
    private var remembered = 0

    /// Bounded: a configuration that reads a value differing in every record
    /// (a path, an id) would otherwise keep one shape per record.
    private static let limit = 1024

    /// The shape of `bag` under `routing`; nil when the bag is not slotted
    /// by the manifest's `names`.
    static func key(of bag: AttributeBag, _ routing: RoutingTable, names: AttributeNames) -> Key? {
        guard bag.names === names else { return nil }
        var slotted: [ExpressionValue?] = []
        slotted.reserveCapacity(routing.shapeSlots.count)
        for slot in routing.shapeSlots { slotted.append(bag[slot: slot]) }
        let others = bag.unslotted
        return Key(slotted: slotted, unslotted: others.isEmpty ? others : others.filter { routing.shapeNames.contains($0.key) })
    }

    subscript(key: Key) -> Shape? { known[key] }

    /// Remembers what a record of shape `key` gave, when nothing in it
    /// failed; its id in this Report, or nil when not remembered.
    mutating func remember(_ key: Key, outcome: RecordDispatch, built: [RecordDispatcher.Built], generated: [(slot: Int, value: ExpressionValue)]) -> Int? {
        guard outcome.notDispatched == nil, outcome.unseen == nil else { return nil }
        guard outcome.rules.allSatisfy({ $0.instances.allSatisfy { $0.error == nil } }) else { return nil }
        if known.count >= Self.limit { known.removeAll(keepingCapacity: true) }
        var outcome = outcome
        outcome.shape = remembered
        remembered += 1
        known[key] = Shape(outcome: outcome, built: built, generated: generated)
        return outcome.shape
    }
}
