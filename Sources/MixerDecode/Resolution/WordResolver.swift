/// Turns word indices into words for one record (docs/protocol.md §2):
/// `i >= 0` is global word `i` of the sender's dictionary, `i < 0` is
/// message word `~i` (`~i`, not `-i - 1`, so that `Int32.min` cannot trap).
struct WordResolver {
    let dictionary: GlobalDictionary
    /// The record's own words when it has any, else the request's default words.
    let messageWords: ArraySlice<String>
    /// "default_words" or "words", for messages.
    let messageWordsName: String
    /// True when the message words were lost (decoding stopped before
    /// them, or a cut took them): an unresolvable negative index then says
    /// nothing about the sender.
    var messageWordsLost = false
    /// Where decoding stopped, when that cost the message words (a Report's
    /// `default_words` travel after its records).
    var messageWordsLostAt: Position? = nil
    /// `messageWordsLostAt` in words ("byte 94", "the end of the dump (line 8, column 15)").
    var messageWordsLostPlace: String? = nil
    /// Why the message words are not in the input, when a cut at its start
    /// took them (a Check's `words` come before its entries): replaces the
    /// usual explanation (they travel after the records).
    var messageWordsLostWhy: String? = nil

    /// Message words that are not in the input at all: every negative index
    /// is lost with them, none is the sender's error.
    static func lost(dictionary: GlobalDictionary, name: String, why: String, at position: Position) -> WordResolver {
        WordResolver(
            dictionary: dictionary, messageWords: [], messageWordsName: name, messageWordsLost: true,
            messageWordsLostAt: position, messageWordsLostWhy: why)
    }

    @inline(__always)
    func word(_ index: Int32) -> String? {
        // Mixer's own list, not the sender's count (see `RequestWords`).
        if index >= 0 { return Int(index) < GlobalDictionary.knownWordCount ? GlobalDictionary.allWords[Int(index)] : nil }
        let slot = Int(~index)
        return slot < messageWords.count ? messageWords[messageWords.startIndex + slot] : nil
    }

    /// True when `index` failed only because the message words were lost.
    func isLostMessageWord(_ index: Int32) -> Bool {
        index < 0 && messageWordsLost && word(index) == nil
    }

    /// Why `index` did not resolve, in Mixer's terms.
    func unknownIndexMessage(_ index: Int32, role: String, path: String) -> String {
        let place = index >= 0
            ? "global index \(index) is past every known global dictionary (\(GlobalDictionary.knownWordCount) words, releases \(GlobalDictionary.newest.releaseRange))"
            : "message index \(index) names slot \(~index) but \(messageWordsName) has \(messageWords.count) words"
        return "\(path): \(role) \(place); Mixer reports \"index \(index) is not defined in the available dictionaries\" and treats the attribute as absent"
    }
}

extension GlobalDictionary {
    /// The first release whose Mixer reads word `index` ("1.1"), nil past
    /// every list: the proxies' lists, except that the Mixer of 1.0.0
    /// shipped only the first 202 words (docs/protocol.md §3), so word 202
    /// is sure only from 1.1.
    static func firstMixerRelease(having index: Int) -> String? {
        if index == 202 { return "1.1" }
        return releasePrefixes.first { $0.wordCount > index }?.release
    }
}
