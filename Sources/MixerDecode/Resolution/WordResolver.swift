/// Turns word indices into words for one record (docs/protocol.md §2):
/// `i >= 0` is global word `i` of the sender's dictionary, `i < 0` is
/// message word `~i` (`~i`, not `-i - 1`, so that `Int32.min` cannot trap).
struct WordResolver {
    let dictionary: GlobalDictionary
    /// The record's own words when it has any, else the request's default words.
    let messageWords: ArraySlice<String>
    /// "default_words" or "words", for messages.
    let messageWordsName: String
    /// Why and where the message words were lost, when they were (decoding
    /// stopped before them, or a cut took them): an unresolvable negative
    /// index then says nothing about the sender.
    var messageWordsLoss: MessageWordsLoss? = nil

    /// Message words that are not in the input at all: every negative index
    /// is lost with them, none is the sender's error.
    static func lost(dictionary: GlobalDictionary, name: String, why: String, at position: Position) -> WordResolver {
        WordResolver(
            dictionary: dictionary, messageWords: [], messageWordsName: name,
            messageWordsLoss: MessageWordsLoss(position: position, explanation: why))
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
        index < 0 && messageWordsLoss != nil && word(index) == nil
    }

    /// Why `index` did not resolve, in Mixer's terms.
    func unknownIndexMessage(_ index: Int32, role: String, path: String) -> String {
        let place = index >= 0 && Int(index) < GlobalDictionary.knownWordCount
            // Only a reader with fewer words (``Resolver/readerWordCount``) gets here.
            ? "global index \(index) (\(Finding.quoted(GlobalDictionary.allWords[Int(index)]))) is past the reading Mixer's list, older than the word"
            : index >= 0
            ? "global index \(index) is past every known global dictionary (\(GlobalDictionary.knownWordCount) words, releases \(GlobalDictionary.newest.releaseRange))"
            : "message index \(index) names slot \(~index) but \(messageWordsName) has \(messageWords.count) words"
        return "\(path): \(role) \(place); Mixer reports \"index \(index) is not defined in the available dictionaries\" and treats the attribute as absent"
    }
}

/// Message words the input lost: where, and why, in the words of a
/// finding's message ("which travel after the records and were lost ...").
struct MessageWordsLoss {
    var position: Position?
    var explanation: String

    /// Decoding stopped at `stop` (described as `place`), before a Report's
    /// `default_words`, which travel after its records.
    static func stopped(at stop: Position, place: String) -> MessageWordsLoss {
        MessageWordsLoss(
            position: stop, explanation: "which travel after the records and were lost when decoding stopped at \(place)")
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
