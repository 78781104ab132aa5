/// The global word list a sender used, chosen from its `global_word_count`.
///
/// The list only ever grew by appending (docs/protocol.md §3), so each
/// release's dictionary is a prefix of `allWords`: 178 words for 0.8, 203 for
/// 1.0, 221 for 1.1/1.2, 222 for 1.3 to 1.7, and 111 after a client fell back.
public struct GlobalDictionary: Hashable, Sendable {
    /// How many global words are in use.
    public let wordCount: Int
    /// The release this prefix belongs to ("1.1"), "fallback" for the
    /// 111-word list, or "unknown" for a count no release sent.
    public let release: String

    /// Every global word this tool knows (222).
    public static var knownWordCount: Int { allWords.count }

    /// Word `index` of this dictionary, or nil when the index is outside it.
    @inline(__always)
    public func word(at index: Int) -> String? {
        index >= 0 && index < wordCount ? Self.allWords[index] : nil
    }

    /// The words in use, in index order.
    public var words: ArraySlice<String> { Self.allWords[0..<wordCount] }

    /// Every release that sends this many words ("1.3-1.7").
    public var releaseRange: String {
        let names = Self.releasePrefixes.filter { $0.wordCount == wordCount }.map(\.release)
        guard let first = names.first, let last = names.last else { return release }
        return first == last ? first : "\(first)-\(last)"
    }

    /// The dictionary of a named release ("1.0"), or nil for a name this tool does not know.
    public init?(release name: String) {
        if name == "fallback" || name == "\(Self.fallbackWordCount)" {
            self.init(wordCount: Self.fallbackWordCount, release: "fallback")
            return
        }
        guard let entry = Self.releasePrefixes.first(where: { $0.release == name }) else { return nil }
        self.init(wordCount: entry.wordCount, release: Self.firstRelease(withWordCount: entry.wordCount)!)
    }

    private init(wordCount: Int, release: String) {
        self.wordCount = wordCount
        self.release = release
    }

    /// The dictionary for a sender's `global_word_count`, and what is odd about the count.
    public static func forWordCount(_ count: UInt32) -> (dictionary: GlobalDictionary, problem: String?) {
        let count = Int(count)
        if count == fallbackWordCount {
            return (GlobalDictionary(wordCount: count, release: "fallback"), nil)
        }
        if let release = firstRelease(withWordCount: count) {
            return (GlobalDictionary(wordCount: count, release: release), nil)
        }
        if count == 0 {
            return (
                newest,
                "global_word_count is absent (0); assuming the newest dictionary (\(allWords.count) words)"
            )
        }
        if count > allWords.count {
            return (
                GlobalDictionary(wordCount: allWords.count, release: "unknown"),
                "global_word_count \(count) is larger than any known dictionary (\(allWords.count) words): "
                    + "Mixer refuses the whole request (\"inconsistent global dictionary versions used\"); "
                    + "indices 0-\(allWords.count - 1) are decoded, higher ones are not"
            )
        }
        return (
            GlobalDictionary(wordCount: count, release: "unknown"),
            "global_word_count \(count) is not one any release sent (111, 178, 203, 221, 222); using the first \(count) words"
        )
    }

    /// The 1.3-1.7 dictionary.
    public static var newest: GlobalDictionary {
        GlobalDictionary(wordCount: allWords.count, release: firstRelease(withWordCount: allWords.count)!)
    }

    private static func firstRelease(withWordCount count: Int) -> String? {
        releasePrefixes.first { $0.wordCount == count }?.release
    }

    /// Index of `word` in the newest dictionary (for encoders and rules).
    public static func index(of word: String) -> Int? { indexByWord[word] }

    private static let indexByWord: [String: Int] = {
        var map: [String: Int] = [:]
        for (index, word) in allWords.enumerated() where map[word] == nil { map[word] = index }
        return map
    }()
}
