/// Every word one request's indices can name, each distinct text reduced to
/// one small integer id: ids below `globalCount` are the global words of the
/// sender's dictionary, the others are the request's distinct message words.
///
/// Resolution works on ids, not Strings: an entry's name and string value are
/// checked and turned into ids with two array loads, and Strings are only
/// looked up when someone reads them. Two indices that name the same text (a
/// message word repeating a global one, as a client that fell back to the
/// 111-word dictionary sends, or a word listed twice) get the same id, so
/// that resolution still merges attributes by name, as Mixer's bag does.
final class RequestWords: Sendable {
    let dictionary: GlobalDictionary
    /// Ids below this are global indices.
    let globalCount: Int32
    /// The message words with their own ids, in first-seen order (id - globalCount).
    let distinctMessageWords: [String]
    /// The id of every message word slot: the request's default words
    /// (a Report's `default_words`) first, then every record's own words in
    /// storage order (`AttributeStorage.words`).
    let slotIds: [Int32]
    /// Where the records' own words start in `slotIds`.
    let recordWordsBase: Int
    private let idByMessageWord: [String: Int32]

    init(dictionary: GlobalDictionary, defaultWords: [String], recordWords: [String]) {
        self.dictionary = dictionary
        globalCount = Int32(dictionary.wordCount)
        recordWordsBase = defaultWords.count
        var distinct: [String] = []
        var idByWord: [String: Int32] = [:]
        var ids: [Int32] = []
        ids.reserveCapacity(defaultWords.count + recordWords.count)
        for word in [defaultWords, recordWords].joined() {
            if let global = GlobalDictionary.index(of: word), global < dictionary.wordCount {
                ids.append(Int32(global))
            } else if let known = idByWord[word] {
                ids.append(known)
            } else {
                let id = Int32(dictionary.wordCount + distinct.count)
                idByWord[word] = id
                distinct.append(word)
                ids.append(id)
            }
        }
        distinctMessageWords = distinct
        slotIds = ids
        idByMessageWord = idByWord
    }

    /// How many ids there are: the size of a table indexed by id.
    var idCount: Int { Int(globalCount) + distinctMessageWords.count }

    /// The text of `id`.
    @inline(__always)
    func word(_ id: Int32) -> String {
        id < globalCount ? GlobalDictionary.allWords[Int(id)] : distinctMessageWords[Int(id - globalCount)]
    }

    /// The id of the attribute named `name`, if any index of this request names it.
    func id(of name: String) -> Int32? {
        if let global = GlobalDictionary.index(of: name), global < dictionary.wordCount { return Int32(global) }
        return idByMessageWord[name]
    }

    /// Every id's place in name order (String `<`, the order records list
    /// their attributes in), so that sorting a record compares integers.
    /// The global words' order is computed once per process; a request only
    /// merges its own message words into it.
    func nameOrder() -> [Int32] {
        var rank = [Int32](repeating: 0, count: idCount)
        let messageIds = (0..<Int32(distinctMessageWords.count)).sorted {
            distinctMessageWords[Int($0)] < distinctMessageWords[Int($1)]
        }
        var next: Int32 = 0
        var message = 0
        for global in GlobalDictionary.indicesInNameOrder where global < Int(globalCount) {
            let text = GlobalDictionary.allWords[global]
            while message < messageIds.count, distinctMessageWords[Int(messageIds[message])] < text {
                rank[Int(globalCount + messageIds[message])] = next
                next += 1
                message += 1
            }
            rank[global] = next
            next += 1
        }
        for id in messageIds[message...] {
            rank[Int(globalCount + id)] = next
            next += 1
        }
        return rank
    }
}

/// The message words one record's negative indices name: its own words when
/// it has any, else the request's default words (PROTOCOL.md section 2).
struct MessageWordSpan {
    /// First slot in `RequestWords.slotIds`.
    var base: Int
    var count: Int
}

extension GlobalDictionary {
    /// Global indices sorted by their words (String `<`).
    static let indicesInNameOrder: [Int] = allWords.indices.sorted { allWords[$0] < allWords[$1] }
}
