/// Which message words a Report record's negative indices name
/// (docs/protocol.md §2): the record's own `words` when it has any,
/// otherwise the request's `default_words`; and, when a cut took them,
/// the reason they are not in the input.
struct ReportMessageWords {
    let dictionary: GlobalDictionary
    let words: RequestWords
    /// Records without words of their own (all of Envoy's) share these.
    let defaults: WordResolver
    let defaultSpan: MessageWordSpan

    init(_ decoded: Decoded<ReportRequest>, dictionary: GlobalDictionary, words: RequestWords) {
        self.dictionary = dictionary
        self.words = words
        let report = decoded.message
        if let why = decoded.messageWordsNotInInput {
            defaults = WordResolver.lost(
                dictionary: dictionary, name: "default_words", why: why, at: decoded.locator.position(of: 0))
            defaultSpan = MessageWordSpan(base: 0, count: 0)
        } else {
            defaults = WordResolver(
                dictionary: dictionary, messageWords: report.defaultWords[...], messageWordsName: "default_words",
                messageWordsLoss: decoded.stoppedAt.map { MessageWordsLoss.stopped(at: $0, place: decoded.describe(stop: $0)) })
            defaultSpan = MessageWordSpan(base: 0, count: report.defaultWords.count)
        }
    }

    /// The words record `index` resolves against, and where they are among the request's slots.
    func forRecord(
        _ record: CompressedAttributes, index: Int, decoded: Decoded<ReportRequest>
    ) -> (messages: WordResolver, span: MessageWordSpan) {
        if decoded.recordStartLost == index {
            // A record with words of its own resolves against them, not
            // default_words, and lists them first: the cut took all or part
            // of them, or the record had none. Which, is not known.
            let lost = WordResolver.lost(
                dictionary: dictionary, name: "attributes[\(index)].words",
                why: "which Mixer looks up in this record's own words if it has any (they come first, where the cut is), else in default_words, and which applies is not in the input",
                at: decoded.locator.position(of: record.extent.wireRange.lowerBound))
            return (lost, MessageWordSpan(base: 0, count: 0))
        }
        guard !record.extent.words.isEmpty else { return (defaults, defaultSpan) }
        let own = WordResolver(dictionary: dictionary, messageWords: record.words, messageWordsName: "attributes[\(index)].words")
        return (own, MessageWordSpan(base: words.recordWordsBase + record.extent.words.lowerBound, count: record.extent.words.count))
    }
}
