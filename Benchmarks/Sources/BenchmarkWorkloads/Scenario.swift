import MixerDecode

/// What a workload is made of: which Corpus records, encoded with which
/// release's dictionary, into which message.
public struct Scenario: Sendable {
    public enum Message: Sendable {
        case report(RepeatedAttributesSemantics)
        /// One record per request, with the Corpus Check's quotas.
        case check
    }

    public let name: String
    public let message: Message
    let release: String
    let corpusFiles: [String]

    /// Records in one message: istio-proxy batches Reports (100 is what the
    /// README's figures have always used); a Check carries one record.
    var recordsPerMessage: Int {
        if case .check = message { 1 } else { 100 }
    }

    public static let reportHTTP11 = Scenario(
        name: "Report 1.1, HTTP", message: .report(.independent), release: "1.1",
        corpusFiles: ["report-1.1-http.bin", "report-1.1-healthy-http.bin"])
    public static let reportTCP11 = Scenario(
        name: "Report 1.1, TCP", message: .report(.independent), release: "1.1",
        corpusFiles: ["report-1.1-vm-tcp.bin"])
    public static let reportMixed11 = Scenario(
        name: "Report 1.1, mixed", message: .report(.independent), release: "1.1",
        corpusFiles: ["report-1.1-productpage-outbound.bin", "report-1.1-http.bin", "report-1.1-vm-tcp.bin"])
    /// The 222-word dictionary.
    public static let reportMixed13 = Scenario(
        name: "Report 1.3, mixed", message: .report(.independent), release: "1.3",
        corpusFiles: ["report-1.3-mixed.bin"])
    /// The 203-word dictionary, and records that carry only what changed.
    public static let reportDelta10 = Scenario(
        name: "Report 1.0, delta", message: .report(.delta), release: "1.0",
        corpusFiles: ["report-1.0-delta.bin"])
    public static let check11 = Scenario(
        name: "Check 1.1", message: .check, release: "1.1", corpusFiles: ["check-1.1.bin"])
}
