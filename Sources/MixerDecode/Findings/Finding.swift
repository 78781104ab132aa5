/// Something worth telling the user about a request or one of its records:
/// plain data, so that every output format and every caller sees the same.
public struct Finding: Hashable, Sendable {
    /// How much a finding matters: `error` when Mixer loses or miscounts
    /// something (or the input was damaged), `warning` when a metric or label
    /// comes out other than meant, `note` for what explains without harm.
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case note, warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        /// Its place in `allCases`, written out: severities are compared
        /// for every finding of every record.
        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
    }

    public var code: FindingCode
    public var severity: Severity
    /// One sentence, with the place ("... at byte 4187") when there is one.
    public var message: String
    /// The attribute concerned, when there is one.
    public var attribute: String?
    /// Where in the input the problem was seen: a byte offset (binary
    /// input) or a line and column (text and log input).
    public var position: Position?
    /// The record of the request concerned; `nil` for the request as a whole.
    public var record: Int?
    /// What to do about it, in plain words, when there is a remedy.
    public var fix: String?

    public init(
        code: FindingCode, severity: Severity, message: String, attribute: String? = nil,
        at position: Position? = nil, record: Int? = nil, fix: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.attribute = attribute
        self.position = position
        self.record = record
        self.fix = fix
    }
}

/// A finding's stable kebab-case code: tools match on it, so it never changes.
public struct FindingCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The input ends inside a message: what came before is still shown.
    public static let truncated = FindingCode(rawValue: "truncated")
    /// Bytes that no protobuf encoder writes (bad tag, varint, length, group).
    public static let malformed = FindingCode(rawValue: "malformed")
    /// A word index outside the dictionary and the message words: Mixer treats
    /// the attribute as absent.
    public static let unknownIndex = FindingCode(rawValue: "unknown-index")
    /// `global_word_count` is not a dictionary this tool (or Mixer) knows.
    public static let dictionaryMismatch = FindingCode(rawValue: "dictionary-mismatch")
    /// The same attribute name in two maps of one record.
    public static let duplicateAttribute = FindingCode(rawValue: "duplicate-attribute")
    /// `repeated_attributes_semantics` is neither DELTA nor INDEPENDENT: Mixer
    /// 1.1+ drops the whole batch.
    public static let unknownSemantics = FindingCode(rawValue: "unknown-semantics")
    /// A field the Mixer schema does not have (or with the wrong wire type): skipped.
    public static let unknownField = FindingCode(rawValue: "unknown-field")
    /// A word or string that is not valid UTF-8: shown with U+FFFD in its place.
    public static let invalidUTF8 = FindingCode(rawValue: "invalid-utf8")
    /// A Report with no attribute records at all: nothing for Mixer to dispatch.
    public static let emptyRequest = FindingCode(rawValue: "empty-request")
    /// Lines of another dump are mixed into this one (logs merged line by
    /// line): its records are shown but not diagnosed.
    public static let interleaved = FindingCode(rawValue: "interleaved")
    /// A decoding limit (size, depth, entry count) was reached: decoding stopped there.
    public static let limitExceeded = FindingCode(rawValue: "limit-exceeded")

    // Diagnostics: what the attributes mean for Mixer's metrics.

    /// No `context.protocol`: the HTTP metric rule cannot match.
    public static let missingProtocol = FindingCode(rawValue: "missing-protocol")
    /// `context.protocol` is "tcp": only `istio_tcp_*` metrics.
    public static let tcpProtocol = FindingCode(rawValue: "tcp-protocol")
    /// `context.protocol` is not a string.
    public static let protocolType = FindingCode(rawValue: "protocol-type")
    /// `context.protocol` is neither http, grpc nor tcp.
    public static let unknownProtocol = FindingCode(rawValue: "unknown-protocol")
    /// A value whose type differs from the attribute manifest.
    public static let typeMismatch = FindingCode(rawValue: "type-mismatch")
    /// A health-check or scrape request that the metric rule excludes on purpose.
    public static let probeExcluded = FindingCode(rawValue: "probe-excluded")
    /// A metric label that will read "unknown".
    public static let unknownLabel = FindingCode(rawValue: "unknown-label")
    /// A delta record shows attributes it did not send itself.
    public static let deltaCarryover = FindingCode(rawValue: "delta-carryover")
    /// Attributes a diagnosis needs are not in the part of the dump that
    /// survived (a cut paste): what Mixer made of the record cannot be told.
    public static let unseen = FindingCode(rawValue: "unseen")
    /// The proxy fell back to the first (111-word) dictionary.
    public static let dictionaryFallback = FindingCode(rawValue: "dictionary-fallback")
}

extension Finding {
    /// `text` in double quotes, as it is: messages stay plain text, so that
    /// JSON carries them once escaped; the text renderers escape control
    /// characters when they write a message to a terminal (`TerminalText`).
    package static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
