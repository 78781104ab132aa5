import Foundation
import Testing
@testable import MixerDecode

/// A paste shows part of a dump, or several pods' dumps mixed line by line.
/// Whatever survives, no finding may say more than the whole dump says: every
/// protocol, label or unknown-index finding on a partial record must be made,
/// for the same attribute, by a whole record that holds everything the partial
/// one shows. Each Corpus message is printed by protoc (the C++ printer
/// Envoy's DebugString uses) and cut at every line.
@Suite(.needsProtoc) struct CutPasteTests {
    /// The findings that judge a record by what it holds or lacks.
    static let judged: Set<FindingCode> = [
        .missingProtocol, .tcpProtocol, .protocolType, .unknownProtocol, .unknownLabel, .unknownIndex,
    ]

    /// One record as decoded, with its judged findings ("code attribute").
    struct Judged {
        var attributes: [Attribute]
        var findings: Set<String>
    }

    static func judged(_ requests: [ResolvedRequest]) -> [Judged] {
        requests.flatMap { request in
            let requestLevel = request.findings.filter { judged.contains($0.code) }.map(key)
            return request.records.map { record in
                Judged(attributes: record.attributes.attributeList(), findings: Set(record.findings.filter { judged.contains($0.code) }.map(key) + requestLevel))
            }
        }
    }

    static func key(_ finding: Finding) -> String { "\(finding.code) \(finding.attribute ?? "-")" }

    /// Every judged finding of every partial record is made by a whole record
    /// that has each of its attributes, with the same value.
    static func expectSupported(_ part: [ResolvedRequest], by whole: [Judged], _ label: String) {
        for record in judged(part) where !record.findings.isEmpty {
            let sources = whole.filter { candidate in
                record.attributes.allSatisfy { attribute in candidate.attributes.contains(attribute) }
            }
            let supported = sources.reduce(into: Set<String>()) { $0.formUnion($1.findings) }
            let unsupported = record.findings.subtracting(supported)
            #expect(unsupported.isEmpty, "\(label): \(unsupported.sorted()) not made by the whole dump")
        }
    }

    static func decode(_ text: String) -> [ResolvedRequest] {
        var requests: [ResolvedRequest] = []
        InputDecoder(inputKind: .log, diagnostics: .withMixer).decode(Array(text.utf8), inputName: "paste") { requests.append($0) }
        return requests
    }

    /// The Corpus messages whose records are judged (Reports and Checks).
    static let inputs = LogForms.inputs.filter { $0.hasPrefix("report") || $0.hasPrefix("check-1") }

    static func dumpLines(_ file: String) throws -> [String] {
        let log = LogForms.log(try LogForms.debugString(file), file: file, layout: LogForms.layouts[1], wrap: { $0 })
        let lines = log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The router line before, the dump, Envoy's blank line, the http line after.
        return Array(lines[1..<(lines.count - 3)])
    }

    @Test(arguments: inputs)
    func aDumpCutAtAnyLineSaysNoMoreThanTheWholeDump(_ file: String) throws {
        let lines = try Self.dumpLines(file)
        let whole = Self.judged(Self.decode(lines.joined(separator: "\n") + "\n\n"))
        try #require(!whole.isEmpty)
        for cut in 1..<lines.count {
            let tail = lines[cut...].joined(separator: "\n") + "\n\n"
            Self.expectSupported(Self.decode(tail), by: whole, "\(file) from line \(cut + 1)")
            let head = lines[..<cut].joined(separator: "\n") + "\n"
            Self.expectSupported(Self.decode(head), by: whole, "\(file) up to line \(cut)")
            let middle = lines[(cut / 2)..<cut].joined(separator: "\n")
            Self.expectSupported(Self.decode(middle), by: whole, "\(file) lines \(cut / 2 + 1)-\(cut)")
        }
    }

    @Test(arguments: inputs)
    func dumpsInterleavedLineByLineSayNoMoreThanEachAlone(_ file: String) throws {
        let lines = try Self.dumpLines(file)
        for other in Self.inputs where other != file {
            let otherLines = try Self.dumpLines(other)
            let whole = Self.judged(Self.decode(lines.joined(separator: "\n") + "\n\n"))
                + Self.judged(Self.decode(otherLines.joined(separator: "\n") + "\n\n"))
            for (name, strip) in [("indented", false), ("without indentation", true)] {
                var mixed: [String] = []
                for index in 0..<max(lines.count, otherLines.count) {
                    if index < lines.count { mixed.append(lines[index]) }
                    if index < otherLines.count { mixed.append(otherLines[index]) }
                }
                if strip { mixed = mixed.map { String($0.drop { $0 == " " }) } }
                Self.expectSupported(
                    Self.decode(mixed.joined(separator: "\n") + "\n\n"), by: whole, "\(file) with \(other), \(name)")
            }
        }
    }

    /// What people paste around dumps: none of it is a Mixer request.
    static let unrelated: [(name: String, text: String)] = [
        ("a JSON object", "{\n  \"status\": \"ok\",\n  \"items\": [1, 2],\n  \"key\": 3,\n  \"value\": 4\n}\n"),
        ("a Go log", "2019/05/20 08:12:20 http: TLS handshake error from 10.0.0.1:443: EOF\nI0520 08:12:20.125365   1 main.go:42] key: 131 value: 92\n"),
        ("a Python log", "INFO:root:message: started\nTraceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nKeyError: 'value'\n"),
        ("YAML", "apiVersion: v1\nkind: Service\nmetadata:\n  name: details\nspec:\n  ports:\n  - name: http\n    port: 9080\ndata:\n  key: 5\n  value: 6\nstatus: {}\n"),
        ("a lone brace", "done\n}\n"),
        ("braces", "}\n  }\n}\n"),
        ("keys and values", "key: 3\nvalue: 4\nkey: \"a\"\nvalue: b\n"),
    ]

    @Test func unrelatedTextIsNoRequest() {
        for (name, text) in Self.unrelated {
            let requests = Self.decode(text)
            #expect(requests.allSatisfy { $0.message == nil }, "\(name): \(requests.map { $0.message?.rawValue ?? "-" })")
        }
    }

    @Test func unrelatedLinesInsideADumpSayNoMoreThanTheDump() throws {
        let lines = try Self.dumpLines("report-1.1-vm-tcp.bin")
        let whole = Self.judged(Self.decode(lines.joined(separator: "\n") + "\n\n"))
        for (name, text) in Self.unrelated {
            let noise = text.split(separator: "\n").map(String.init)
            var mixed: [String] = []
            for (index, line) in lines.enumerated() {
                mixed.append(line)
                mixed.append(noise[index % noise.count])
            }
            Self.expectSupported(Self.decode(mixed.joined(separator: "\n") + "\n\n"), by: whole, "with \(name)")
        }
    }
}
