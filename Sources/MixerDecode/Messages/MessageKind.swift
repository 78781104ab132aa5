/// Which Mixer message something is: what a binary message is read as
/// (`InputStreamDecoder.Settings.messageKind`, `MessageClassifier`), and
/// what a request was decoded as (`ResolvedRequest.message`, its
/// `"message"` in JSON).
public enum MessageKind: String, CaseIterable, Sendable {
    case report
    case check
    /// A bare `CompressedAttributes` (one record, no dictionary count). A
    /// request decoded from one says `attributes`: a single record.
    case compressed
    /// The uncompressed `Attributes` message.
    case attributes
    /// Mixer's answer to a Check.
    case checkResponse = "check-response"
    /// A pasted fragment in which only attribute entries survive: a Report's
    /// records and a Check's attributes are written alike, so which it was
    /// is not in the input. Never a form to read input as.
    case reportOrCheck = "report-or-check"
}
