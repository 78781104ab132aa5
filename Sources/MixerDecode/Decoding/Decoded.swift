/// A decoded message with what went wrong while decoding it.
///
/// Decoding never throws away what it read: a damaged message still holds
/// every field decoded before (and, where the damage was contained inside a
/// length-delimited field, after) the damage.
public struct Decoded<Message: Sendable>: Sendable {
    public var message: Message
    /// Decode-level findings: `truncated`, `malformed`, `unknown-field`, ...
    public var findings: [Finding]
    /// Records that lost part of their content to damage.
    public var partialRecords: Set<Int>
    /// Byte range of the message in the input.
    public var range: Range<Int>
    /// Where decoding of the message stopped early, if it did: the fields
    /// after this place were not read (a Report's `default_words`,
    /// `global_word_count` and semantics come after its records).
    public var stoppedAt: Position?
    /// The stop is where a log's dump ended (a cut paste), not damage.
    var stoppedAtEndOfDump = false
    /// Turns offsets in what the message was read from (its bytes, or its
    /// text) into positions, for findings made after decoding.
    var locator = PositionLocator.bytes
    /// The input the message was decoded from (binary input), shared, not
    /// copied: findings made after decoding use it to find their offsets.
    var input: [UInt8]? = nil
    /// The text the message was read from (DebugString input), shared, not
    /// copied: findings made after parsing use it to find their entry's
    /// place. Records' `wireRange`s are then offsets in this text.
    var text: [UInt8]? = nil
    /// Text input in DebugString order only (whose entries are sorted, so
    /// that what a cut took can be bounded): the record the text starts
    /// inside, its beginning not in the input (a pasted fragment) ...
    var recordStartLost: Int? = nil
    /// ... and the record the text ends inside (a paste cut at its end).
    var recordEndLost: Int? = nil
    /// The input starts after the message's beginning (a pasted fragment):
    /// records before the first one shown were not seen.
    var startsMidMessage = false
    /// Why the message words the records use are not in the input at all
    /// (a fragment that begins after a Check's `words`), when they are not.
    var messageWordsNotInInput: String? = nil
    /// The input ended without the mark that ends the message (Envoy's blank
    /// line after a dump), so fields after the last one read may have been
    /// cut although nothing else shows it: a Report's semantics come last.
    var endMayBeCut = false

    /// `stop` (where decoding stopped) in words: "byte 94", or "the end of
    /// the dump (line 8, column 15)".
    func describe(stop: Position) -> String {
        stoppedAtEndOfDump ? "the end of the dump (\(stop))" : "\(stop)"
    }

    /// True when nothing was lost.
    public var isComplete: Bool {
        partialRecords.isEmpty && !findings.contains { $0.code == .truncated || $0.code == .malformed || $0.code == .limitExceeded }
    }
}
