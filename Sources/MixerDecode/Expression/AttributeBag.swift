import Synchronization

/// The attribute names of one manifest, each given a slot: an expression
/// compiled against them reads an attribute by its slot, an array index,
/// instead of hashing its name for every record.
///
/// Made once per manifest. A table extended with more names (the
/// kubernetesenv bindings' `$out` fields) keeps the slots of the table it
/// extends, so a bag of the first can be widened to the second.
public final class AttributeNames: Sendable {
    public let names: [String]
    let slots: [String: Int]
    /// The table whose slots these begin with, when made by ``extended(with:)``.
    let base: AttributeNames?
    /// The slot of each global dictionary word, -1 for a word not here:
    /// a record's attribute named by a global word finds its slot without
    /// hashing the name.
    let slotOfGlobalWord: [Int32]

    /// `names` in the order given; a repeated name keeps its first slot.
    public convenience init(_ names: some Sequence<String>) {
        self.init(names, base: nil)
    }

    private init(_ names: some Sequence<String>, base: AttributeNames?) {
        var ordered: [String] = []
        var slots: [String: Int] = [:]
        for name in names where slots[name] == nil {
            slots[name] = ordered.count
            ordered.append(name)
        }
        self.names = ordered
        self.slots = slots
        self.base = base
        slotOfGlobalWord = GlobalDictionary.allWords.map { word in slots[word].map(Int32.init) ?? -1 }
    }

    /// The one table of `names`: manifests with the same names share it,
    /// so that a bag made for one serves expressions compiled for another.
    public static func shared(_ names: [String]) -> AttributeNames {
        made.withLock { made in
            if let table = made[names] { return table }
            let table = AttributeNames(names)
            made[names] = table
            return table
        }
    }

    private static let made = Mutex<[[String]: AttributeNames]>([:])

    public func slot(of name: String) -> Int? { slots[name] }

    /// These names, then the `added` ones not among them.
    public func extended(with added: some Sequence<String>) -> AttributeNames {
        AttributeNames(names + added, base: self)
    }

    /// Whether these are `other`'s names, or begin with them.
    func startsWith(_ other: AttributeNames) -> Bool {
        other === self || base.map { $0.startsWith(other) } ?? false
    }
}

/// The attributes of one record as Mixer's bag holds them for expressions:
/// each one the table names in its slot, any other by name (a record may
/// send attributes no manifest lists; only code that reads them by name,
/// never a checked expression, can see those).
public struct AttributeBag: Sendable {
    public let names: AttributeNames
    private(set) var values: [ExpressionValue?]
    private var others: [String: ExpressionValue] = [:]

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

    /// A record's attributes, each typed by `manifest` when its value is
    /// of that type (else reading it fails as Mixer's conversion does), and
    /// slotted by the manifest's names.
    /// With `keeping`, the attributes of the manifest it leaves out are
    /// not held (no one reads them; converting them is most of the work).
    public init(_ record: ResolvedRecord, manifest: AttributeManifest, keeping: AttributeSelection? = nil) {
        self.init(names: manifest.names)
        let kept = keeping.flatMap { $0.names === names ? $0.keepsSlot : nil }
        for attribute in record.attributes {
            let global = attribute.globalWordIndex
            let slot = global >= 0 ? Int(names.slotOfGlobalWord[Int(global)]) : names.slot(of: attribute.name) ?? -1
            if let kept, slot >= 0, !kept[slot] { continue }
            let type = slot >= 0 ? manifest.typeOfSlot[slot] : manifest.type(of: attribute.name)
            let value: ExpressionValue
            if type == nil || type == .stringMap, let map = attribute.stringMap {
                value = .stringMap(map)
            } else {
                value = ExpressionValue(bag: attribute.value, type: type)
            }
            if slot >= 0 { values[slot] = value } else { others[attribute.name] = value }
        }
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

    public var isEmpty: Bool { others.isEmpty && !values.contains { $0 != nil } }

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
public struct AttributeSelection: Sendable, Equatable {
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

    /// Whether a bag kept for `other` holds everything this one needs.
    public func isCovered(by other: AttributeSelection) -> Bool {
        other.names === names && zip(keepsSlot, other.keepsSlot).allSatisfy { !$0 || $1 }
    }

    public static func == (a: AttributeSelection, b: AttributeSelection) -> Bool {
        a.names === b.names && a.keepsSlot == b.keepsSlot
    }
}
