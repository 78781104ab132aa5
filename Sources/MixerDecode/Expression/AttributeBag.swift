/// The attributes of one record as Mixer's bag holds them for expressions:
/// each one the table names in its slot, any other by name (a record may
/// send attributes no manifest lists; only code that reads them by name,
/// never a checked expression, can see those).
public struct AttributeBag: Sendable {
    public let names: AttributeNames
    /// By slot; set by the record reader (Resolution) too.
    var values: [ExpressionValue?]
    /// The attributes outside `names`, by name.
    var others: [String: ExpressionValue] = [:]

    /// An empty bag.
    public init(names: AttributeNames) {
        self.names = names
        values = Array(repeating: nil, count: names.names.count)
    }

    /// The bag holding `attributes`, slotted by `names` (by default the
    /// attributes' own names, sorted).
    public init(_ attributes: [String: ExpressionValue], names: AttributeNames? = nil) {
        self.init(names: names ?? AttributeNames(attributes.keys.sorted()))
        for (name, value) in attributes { self[name] = value }
    }

    public subscript(name: String) -> ExpressionValue? {
        get {
            guard let slot = names.slot(of: name) else { return others[name] }
            return values[slot]
        }
        set {
            guard let slot = names.slot(of: name) else { others[name] = newValue; return }
            values[slot] = newValue
        }
    }

    /// The value in `slot` of ``names``.
    public subscript(slot slot: Int) -> ExpressionValue? {
        @inline(__always) get { values[slot] }
        set { values[slot] = newValue }
    }

    /// The attributes held by name only, outside the slots of ``names``.
    package var unslotted: [String: ExpressionValue] { others }

    /// The names present, in slot order, then the others sorted.
    public var presentNames: [String] {
        zip(names.names, values).compactMap { $0.1 == nil ? nil : $0.0 } + others.keys.sorted()
    }

    /// This bag with `newer`'s attributes over it, as a delta-encoded
    /// record updates the attributes the earlier ones sent.
    public func updated(by newer: AttributeBag) -> AttributeBag {
        guard newer.names === names else {
            var merged = self
            for name in newer.presentNames { merged[name] = newer[name] }
            return merged
        }
        var merged = self
        for slot in values.indices where newer.values[slot] != nil { merged.values[slot] = newer.values[slot] }
        merged.others.merge(newer.others) { _, new in new }
        return merged
    }

    /// The same attributes slotted by `table`: by position when `table`
    /// extends this bag's names, else name by name.
    public func slotted(by table: AttributeNames) -> AttributeBag {
        if table === names { return self }
        var bag = AttributeBag(names: table)
        if table.startsWith(names) {
            bag.values.replaceSubrange(0..<values.count, with: values)
            for (name, value) in others { bag[name] = value }
        } else {
            for name in presentNames { bag[name] = self[name] }
        }
        return bag
    }
}

/// The attributes of a manifest that bags must hold for one configuration:
/// those its expressions and Mixer's runtime read.
public struct AttributeSelection: Sendable {
    public let names: AttributeNames
    /// By slot of `names`.
    let keepsSlot: [Bool]

    /// `read`: the names read (those outside `names` are always held).
    public init(_ read: some Sequence<String>, names: AttributeNames) {
        var keeps = [Bool](repeating: false, count: names.names.count)
        for name in read { if let slot = names.slot(of: name) { keeps[slot] = true } }
        self.names = names
        keepsSlot = keeps
    }

    /// The slots kept, in order.
    package var keptSlots: [Int] { keepsSlot.indices.filter { keepsSlot[$0] } }

    /// Whether a bag kept for `other` holds everything this one needs.
    public func isCovered(by other: AttributeSelection) -> Bool {
        other.names === names && zip(keepsSlot, other.keepsSlot).allSatisfy { !$0 || $1 }
    }
}
