import MixerConfig
import MixerDecode

/// `--list-findings`: every code the command can report, with its meaning.
enum FindingCatalogue {
    /// Findings of decoding itself (not selectable: they describe the input).
    static let decoding: [(code: FindingCode, summary: String, example: String)] = [
        (.truncated, "The input ends inside a message (or a dump was cut): what came before is shown, marked partial.", "a capture cut in the middle of a record"),
        (.malformed, "Bytes or text no encoder writes: a bad tag, varint, length, group or escape.", "wire type 7, an 11-byte varint, \\9 in a string"),
        (.limitExceeded, "A size, depth or entry limit was reached; decoding stopped there.", "groups nested 200 deep"),
        (.interleaved, "Lines of another dump, or other output, are mixed into a dump: its records are shown, not diagnosed.", "two pods' logs merged line by line without a prefix"),
        (.unknownIndex, "A word index past every known global list, or past the message words: Mixer treats the attribute as absent.", "index 230 with global_word_count 221"),
        (.dictionaryMismatch, "global_word_count above 222 (Mixer refuses the request), a count no release sent, or none; or an index past the sender's own count, which Mixer still reads from its own list.", "global_word_count 230; index 131 with global_word_count 111"),
        (.duplicateAttribute, "One name in two maps: a delta batch fails; otherwise the first map in Mixer's probe order wins.", "destination.port in strings and int64s"),
        (.unknownSemantics, "repeated_attributes_semantics other than 0/1: Mixer 1.1+ drops the batch.", "repeated_attributes_semantics: 7"),
        (.unknownField, "A field the schema does not have, skipped.", "field 15 in a ReportRequest"),
        (.invalidUTF8, "A word that is not UTF-8, shown with U+FFFD.", "a default word with the byte 0xFF"),
        (.emptyRequest, "A Report with no attribute records: nothing for Mixer to dispatch.", "a ReportRequest with only default_words"),
    ]

    /// Every diagnostic: the rules', then those of the evaluation of Mixer's configuration.
    static let diagnostics: [FindingDescription] = Diagnostics.standard
        .evaluating(with: MixerEvaluator(ConfigurationsInForce(release: nil))).descriptions

    static var diagnosticCodes: [String] { diagnostics.map(\.code.rawValue) }

    static func text() -> String {
        var out = "Diagnostics (what the attributes mean for Mixer's metrics; --skip-findings leaves them out):\n"
        for rule in diagnostics {
            out += "\n  \(rule.code)\n    \(rule.summary)\n    example: \(rule.example)\n"
        }
        out += "\nDecoding (what is wrong with the input itself):\n"
        for entry in decoding {
            out += "\n  \(entry.code)\n    \(entry.summary)\n    example: \(entry.example)\n"
        }
        return out
    }
}
