import Foundation
import Testing
@testable import MixerDecode

/// The shapes people paste, each read for what it is. Dumps are printed by
/// protoc from Corpus binaries (the C++ printer behind Envoy's DebugString):
/// two spaces of indentation per level, map entries as `key:` then `value:`.
@Suite struct PasteShapeTests {
    static let header = "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] "

    static func decode(_ text: String) -> [ResolvedRequest] {
        var requests: [ResolvedRequest] = []
        InputDecoder(inputKind: .log, diagnostics: .withMixer).decode(Array(text.utf8), inputName: "paste") { requests.append($0) }
        return requests
    }

    static func lines(_ file: String) throws -> [String] {
        try LogForms.debugString(file).split(separator: "\n").map(String.init)
    }

    @Test(.needsProtoc) func aReportPastedFromItsMiddleDoesNotClaimTheProtocolIsMissing() throws {
        let lines = try Self.lines("report-1.1-http.bin")
        // Record 0 from just after its context.protocol entry (key 131).
        let after = try #require(lines.firstIndex(of: "    key: 131")) + 3
        let requests = Self.decode(lines[after...].joined(separator: "\n") + "\n\n")
        let record = try #require(requests.first?.records.first)
        #expect(record.value(of: "context.protocol") == nil)
        #expect(!record.findings.contains { $0.code == .missingProtocol })
        let note = try #require(record.findings.first { $0.code == .unseen })
        #expect(note.message.hasPrefix("context.protocol"))
        var summary = ServiceSummary()
        requests.forEach { summary.add($0) }
        let row = try #require(summary.rows.first { $0.protocols["unknown"] != nil })
        #expect(row.protocols["(none)"] == nil && row.feedsRequestMetrics == nil)
    }

    @Test func absenceIsAFactWhereTheCutCannotHaveHeldIt() throws {
        // A record without context.protocol, pasted from its strings entry of
        // key 3 (source.uid): DebugString sorts keys, so 131 would come later.
        let text = """
              strings {
                key: 3
                value: 92
              }
              strings {
                key: 19
                value: 90
              }
            }
            global_word_count: 222
            repeated_attributes_semantics: INDEPENDENT_ENCODING

            """
        let requests = Self.decode(text)
        let record = try #require(requests.first?.records.first)
        #expect(record.unseen != nil, "its beginning is not in the input")
        #expect(record.findings.contains { $0.code == .missingProtocol }, "\(record.findings.map(\.message))")
    }

    @Test(.needsProtoc) func aCheckPastedFromInsideAStringsEntryIsReadTwoBlocksDeep() throws {
        let lines = try Self.lines("check-1.1.bin")
        let start = try #require(lines.firstIndex(of: "    key: 25"))
        let requests = Self.decode(lines[start...].joined(separator: "\n") + "\n\n")
        let request = try #require(requests.first)
        #expect(request.message == .check, "deduplication_id and quotas are only in a Check")
        #expect(request.findings.first?.message.contains("2 blocks deep") == true)
        #expect(!request.allFindings.contains { $0.code == .unknownField })
        #expect(request.records[0].value(of: "context.protocol") == .string("http"))
        #expect(!request.allFindings.contains { $0.code == .unknownIndex }, "its words were before the cut")
    }

    @Test(.needsProtoc) func entriesAloneAreAReportOrACheckAndSaidSo() throws {
        let lines = try Self.lines("check-1.1.bin")
        let start = try #require(lines.firstIndex(of: "  strings {"))
        let end = try #require(lines.firstIndex(of: "}")) - 1  // the last entry's closing line
        let requests = Self.decode(lines[start...end].joined(separator: "\n") + "\n")
        let request = try #require(requests.first)
        #expect(request.message == .reportOrCheck)
        #expect(request.allFindings.contains { $0.message.contains("whether it was a Report") })
        #expect(!request.allFindings.contains { Diagnostics.isDiagnostic($0.code) && $0.code != .unseen })
    }

    @Test func theFirstEntryOfAFragmentIsKeptWhenItsMapIsKnown() {
        // `key: 19` / `value: 90` then `}` and a second strings entry: the
        // first one can only be a strings entry (maps print in field order).
        let requests = Self.decode("    key: 19\n    value: 90\n  }\n  strings {\n    key: 131\n    value: 92\n  }\n}\n")
        #expect(requests.first?.records.first?.value(of: "request.method") == .string("GET"))
        #expect(requests.first?.records.first?.value(of: "context.protocol") == .string("http"))
    }

    @Test func theFirstEntryIsLeftOutWhenItsMapCannotBeTold() {
        // Followed by int64s: strings or int64s, and 90 fits both.
        let requests = Self.decode("    key: 19\n    value: 90\n  }\n  int64s {\n    key: 30\n    value: 200\n  }\n}\n")
        let record = requests.first?.records.first
        #expect(record?.value(of: "request.method") == nil)
        #expect(record?.value(of: "response.code") == .int64(200))
        #expect(requests.first?.findings.first?.message.contains("are not shown") == true)
    }

    @Test func aBraceAfterOtherOutputIsNoDump() {
        let requests = Self.decode("{\n  \"status\": \"ok\"\n}\n")
        #expect(requests.allSatisfy { $0.message == nil })
    }

    @Test(.needsProtoc) func theInputEndingInsideAWordIsACut() throws {
        let lines = try Self.lines("report-1.1-http.bin")
        let words = try #require(lines.firstIndex { $0.hasPrefix("default_words") })
        let text = Self.header + "Sending Report request: " + lines[..<(words + 3)].joined(separator: "\n") + "\ndefault_w"
        let request = try #require(Self.decode(text).first)
        #expect(!request.allFindings.contains { $0.code == .unknownField })
        #expect(request.findings.contains { $0.code == .truncated && $0.message.contains("'default_w'") })
        #expect(!request.allFindings.contains { $0.code == .unknownIndex })
    }

    /// `x-istio-attributes` carries a binary `Attributes`, base64.
    static func attributesHeaderValue() throws -> String {
        let run = try Protoc.run(
            ["--encode=istio.mixer.v1.Attributes", "istio/mixer/v1/attributes.proto"],
            input: Data(#"attributes { key: "source.uid" value { string_value: "kubernetes://productpage-v1.default" } }"#.utf8))
        try #require(run.status == 0, "\(run.error)")
        return run.output.base64EncodedString()
    }

    @Test(.needsProtoc) func theAttributesHeaderIsReadWhereverItIsPrinted() throws {
        let value = try Self.attributesHeaderValue()
        let shapes = [
            "[2019-05-20 08:12:20.130][23][debug][router] [router.cc:320] [C48][S14] router decoding headers:\n':authority', 'details:9080'\n'x-istio-attributes', '\(value)'\n",
            #"{"headers": {"Host": "details:9080", "X-Istio-Attributes": "\#(value)"}}"# + "\n",
            "    \"X-Istio-Attributes\": \"\(value)\",\n",
            "< x-istio-attributes: \(value)\n",
            "[2019-05-20 08:12:20.130][23][debug][filter] Mixer forward attributes set: \(value)\n",
        ]
        for shape in shapes {
            let requests = Self.decode(shape)
            #expect(requests.count == 1, "\(shape)")
            #expect(requests.first?.message == .attributes, "\(shape)")
            #expect(requests.first?.records.first?.value(of: "source.uid") == .string("kubernetes://productpage-v1.default"), "\(shape)")
        }
    }

    @Test func aForwardedValueThatIsTextIsShownAsText() throws {
        let value = Data("hello from a test client".utf8).base64EncodedString()
        let request = try #require(Self.decode("< x-istio-attributes: \(value)\n").first)
        let finding = try #require(request.findings.first)
        #expect(finding.code == .malformed)
        #expect(finding.message.hasSuffix("decodes to text, not to a protobuf Attributes message: \"hello from a test client\""))
    }

    @Test(.needsProtoc) func findingMessagesArePlainTextInJSONAndEscapedOnTheTerminal() throws {
        var records = try Self.lines("report-1.1-http.bin")
        let agent = try #require(records.firstIndex(of: "  words: \"python-requests/2.21.0\"") ?? records.firstIndex { $0.contains("python-requests") })
        records[agent] = records[agent].replacingOccurrences(of: "python-requests/2.21.0", with: "kube-probe/1.15\\033[2J")
        let requests = Self.decode(Self.header + "Sending Report request: " + records.joined(separator: "\n") + "\n\n")
        let probe = try #require(requests.flatMap(\.allFindings).first { $0.code == .probeExcluded })
        #expect(probe.message.contains("\"kube-probe/1.15\u{1B}[2J\""), "the message holds the value as sent")
        var json = JSONWriter()
        RecordJSON().write(probe, to: &json)
        #expect(String(decoding: json.bytes, as: UTF8.self).contains(#"kube-probe/1.15\u001b[2J"#), "JSON escapes it once")
        let text = requests.map { TextRenderer().render($0) }.joined()
        #expect(!text.contains("\u{1B}") && text.contains(#"kube-probe/1.15\x1b[2J"#), "the terminal sees it escaped")
    }
}
