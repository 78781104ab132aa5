import MixerDecodeSupport

/// Every word one request's indices can name, as small integer ids: ids
/// below `globalCount` are global words, id `globalCount + s` is message
/// word slot `s` (the request's default words first, then every record's
/// own words in storage order).
///
/// Global ids cover every known global word, not only the sender's count:
/// Mixer looks an index up in its own, full list (istio/istio
/// mixer/pkg/attribute/protoBag.go, `ProtoBag.lookup`: `index <
/// len(globalWordList)`), and the lists only grew by appending, so an index
/// past the sender's count still names the same word wherever it exists.
///
/// Resolution works on ids, not Strings: an index becomes an id with a
/// compare and an add, and Strings are only looked up when someone reads them.
final class RequestWords: Sendable {
    let dictionary: GlobalDictionary
    /// Ids below this are global indices: every known global word.
    let globalCount: Int32
    /// How many global words the sender said it uses (`global_word_count`,
    /// or the dictionary chosen): it never sends an index at or past this.
    let senderCount: Int32
    /// A Report's `default_words` (slots 0 ..< defaultWords.count).
    let defaultWords: [String]
    /// The records' own words (`AttributeStorage.words`), after the default words.
    let recordWords: [String]

    /// `readerWords`: the global words the reader knows; every known word
    /// by default, fewer to read as an older Mixer, to which later indices
    /// are undefined (``Resolver/readerWordCount``).
    init(dictionary: GlobalDictionary, defaultWords: [String], recordWords: [String], readerWords: Int = GlobalDictionary.knownWordCount) {
        self.dictionary = dictionary
        globalCount = Int32(min(readerWords, GlobalDictionary.knownWordCount))
        senderCount = Int32(dictionary.wordCount)
        self.defaultWords = defaultWords
        self.recordWords = recordWords
    }

    var slotCount: Int { defaultWords.count + recordWords.count }
    /// The size of a table indexed by id.
    var idCount: Int { Int(globalCount) + slotCount }
    /// Where the records' own words start among the slots.
    var recordWordsBase: Int { defaultWords.count }

    /// The text of `id`.
    @inline(__always)
    func word(_ id: Int32) -> String {
        id < globalCount ? GlobalDictionary.allWords[Int(id)] : slotWord(Int(id - globalCount))
    }

    func slotWord(_ slot: Int) -> String {
        slot < defaultWords.count ? defaultWords[slot] : recordWords[slot - defaultWords.count]
    }

    /// Every name id's place in name order (String `<`, the order records
    /// list their attributes in), so that sorting a record compares integers.
    /// `messageNames`: the message-word ids used as names. With none (the
    /// usual case: Envoy names everything with global words) this is the
    /// per-process global order, shared, not copied.
    func nameOrder(messageNames: Set<Int32>) -> [Int32] {
        if messageNames.isEmpty { return GlobalDictionary.rankInNameOrder }
        let messages = messageNames.sorted { NameOrder.precedes(word($0), word($1)) }
        // Where each message name falls among the sorted global words: a
        // binary search each (8 comparisons), not a merge over all 222.
        let sortedGlobals = GlobalDictionary.indicesInNameOrder
        let insertion = messages.map { id -> Int in
            let text = word(id)
            var low = 0
            var high = sortedGlobals.count
            while low < high {
                let middle = (low + high) / 2
                if NameOrder.precedes(GlobalDictionary.allWords[sortedGlobals[middle]], text) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return low
        }
        // Then integers only: a global word's rank is its own place plus the
        // message names before it; a message name's is its insertion point
        // plus the message names before it.
        var rank = [Int32](repeating: 0, count: idCount)
        var before = 0
        for (place, global) in sortedGlobals.enumerated() {
            while before < messages.count && insertion[before] <= place {
                rank[Int(messages[before])] = Int32(insertion[before] + before)
                before += 1
            }
            if global < Int(globalCount) { rank[global] = Int32(place + before) }
        }
        while before < messages.count {
            rank[Int(messages[before])] = Int32(insertion[before] + before)
            before += 1
        }
        return rank
    }
}

/// The message words one record's negative indices name: its own words when
/// it has any, else the request's default words (docs/protocol.md §2).
struct MessageWordSpan {
    /// First slot.
    var base: Int
    var count: Int
}

/// The ids of message words used as names, merged by text: two indices that
/// name the same text (a message word repeating a global one, as a client
/// that fell back to the 111-word dictionary sends, or a word listed twice)
/// get the same id, so that resolution merges attributes by name, as
/// Mixer's bag does. Worked out per slot on its first use as a name, and
/// only names are compared: a request names few attributes with message
/// words (often none), so this hashes a handful of words, not every word.
struct MessageNames {
    private var idOfSlot: [Int32]
    /// The id given to each message-word name text so far.
    private var idByText: [String: Int32] = [:]

    init(words: RequestWords) {
        idOfSlot = [Int32](repeating: -1, count: words.slotCount)
    }

    @inline(__always)
    mutating func id(ofSlot slot: Int, in words: RequestWords) -> Int32 {
        let known = idOfSlot[slot]
        if known >= 0 { return known }
        let id = canonicalID(ofSlot: slot, in: words)
        idOfSlot[slot] = id
        return id
    }

    private mutating func canonicalID(ofSlot slot: Int, in words: RequestWords) -> Int32 {
        let text = words.slotWord(slot)
        if let global = GlobalDictionary.index(of: text), global < Int(words.globalCount) { return Int32(global) }
        if let named = idByText[text] { return named }
        let id = words.globalCount + Int32(slot)
        idByText[text] = id
        return id
    }
}

extension GlobalDictionary {
    /// Global indices sorted by their words (String `<`).
    static let indicesInNameOrder: [Int] = allWords.indices.sorted { allWords[$0] < allWords[$1] }

    /// Each global index's place in that order.
    static let rankInNameOrder: [Int32] = {
        var rank = [Int32](repeating: 0, count: allWords.count)
        for (place, index) in indicesInNameOrder.enumerated() { rank[index] = Int32(place) }
        return rank
    }()
}

/// The order records list attributes in: String `<`. For ASCII text (nearly
/// every name) that is byte order, which a memcmp gives several times faster
/// than String comparison; other text keeps String's own order.
enum NameOrder {
    static func precedes(_ left: String, _ right: String) -> Bool {
        isASCII(left) && isASCII(right) ? LastPerKey.bytewise(left, right) : left < right
    }

    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
}
