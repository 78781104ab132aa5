/// Keeps hostile input from producing millions of findings: after
/// `perCode` findings of one code in a request, further ones are only
/// counted, and one closing finding says how many were left out.
struct FindingLimiter {
    static let perCode = 100

    private var counts: [FindingCode: Int] = [:]
    /// The first finding of each code that was left out: its place is where
    /// the closing note points.
    private var firstOmitted: [FindingCode: Finding] = [:]

    /// True when findings of `code` are no longer listed, only counted.
    func isFull(_ code: FindingCode) -> Bool {
        (counts[code] ?? 0) >= Self.perCode
    }

    /// True when a finding of `code` may still be added.
    mutating func admit(_ code: FindingCode) -> Bool {
        counts[code, default: 0] += 1
        return counts[code]! <= Self.perCode
    }

    /// The same, remembering where the first left-out finding was.
    mutating func admit(_ finding: Finding) -> Bool {
        if admit(finding.code) { return true }
        if firstOmitted[finding.code] == nil { firstOmitted[finding.code] = finding }
        return false
    }

    /// The closing findings for codes that went over the cap.
    func summary() -> [Finding] {
        counts.filter { $0.value > Self.perCode }.sorted { $0.key.rawValue < $1.key.rawValue }.map { code, count in
            let first = firstOmitted[code]
            return Finding(
                code: code, severity: .note,
                message: "\(count - Self.perCode) more \(code) findings in this request are not listed (only the first \(Self.perCode) of each kind are), the first of them at \(first?.position?.description ?? "an unknown place")",
                at: first?.position)
        }
    }
}
