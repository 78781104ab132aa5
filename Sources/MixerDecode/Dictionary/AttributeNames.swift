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
