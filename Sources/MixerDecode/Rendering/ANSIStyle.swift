/// The terminal colours the text outputs use, in one place: SGR codes, and
/// which colour each finding severity gets.
enum ANSIStyle: String {
    case bold = "1", dim = "2", red = "31", yellow = "33", cyan = "36"

    /// The colour of a finding of `severity`: errors red, warnings yellow, notes cyan.
    static func of(_ severity: Finding.Severity) -> ANSIStyle {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    /// `text` in this style, reset after it; as it is when `enabled` is false
    /// (not a terminal, or NO_COLOR).
    func paint(_ text: String, if enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
