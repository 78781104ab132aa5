import Testing
@testable import MixerDecode

/// What wraps a physical log line comes off; Envoy's own line stays.
@Suite struct LineUnwrapperTests {
    func unwrap(_ line: String) -> (content: String, time: String?, continues: Bool) {
        let result = LineUnwrapper.unwrap(Array(line.utf8)[...], standard: LogStream.StandardStreams())
        return (String(decoding: result.content, as: UTF8.self), result.wrapperTime?.text, result.continues)
    }

    static let envoy = "[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] Sending Report request: attributes {"

    @Test func kubectlTimestamps() {
        let line = unwrap("2019-05-20T08:12:20.125365976Z " + Self.envoy)
        #expect(line.content == Self.envoy)
        #expect(line.time == "2019-05-20T08:12:20.125365976Z")
    }

    @Test func envoy16TabHeaderIsNotAKubectlTimestamp() {
        let envoy16 = "2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\t[src/envoy/utils/grpc_transport.cc:43] Sending Report request: attributes {"
        #expect(unwrap(envoy16).content == envoy16)
    }

    @Test func viewerPrefixes() {
        #expect(unwrap("default/details-v1-6764bbc7f7-2mzxl[istio-proxy]: " + Self.envoy).content == Self.envoy)
        #expect(unwrap("[details-v1-6764bbc7f7-2mzxl istio-proxy] " + Self.envoy).content == Self.envoy)
        #expect(unwrap("[pod/details-v1-6764bbc7f7-2mzxl/istio-proxy] " + Self.envoy).content == Self.envoy)
        #expect(unwrap("[details-v1 istio-proxy] 2019-05-20T08:12:20.1Z " + "    key: 131").content == "    key: 131")
        // Envoy's own brackets stay.
        #expect(unwrap("[Envoy (Epoch 0)] " + Self.envoy).content == "[Envoy (Epoch 0)] " + Self.envoy)
        #expect(unwrap("[libprotobuf ERROR src/istio/mixerclient/check_cache.cc:151] Request attributes: x").content.hasPrefix("[libprotobuf"))
    }

    @Test func dockerJSONLines() {
        let line = unwrap(#"{"log":"    value: \"caf\u00e9\\n\"\n","stream":"stderr","time":"2019-05-20T08:12:20.125365976Z"}"#)
        #expect(line.content == #"    value: "café\n""#)
        #expect(line.time == "2019-05-20T08:12:20.125365976Z")
        #expect(!line.continues)
        #expect(unwrap(#"{"log":"first half","stream":"stderr","time":"t"}"#).continues, "no \\n: Docker split the line")
    }

    @Test func carriageReturnsGo() {
        #expect(unwrap("  key: 131\r").content == "  key: 131")
    }
}

/// Envoy's headers of every release: the time as written and where the message starts.
@Suite struct EnvoyLogHeaderTests {
    static let layouts: [(line: String, time: String?)] = [
        ("[2018-10-03 08:47:42.958][95][debug][grpc] src/envoy/utils/grpc_transport.cc:45] MESSAGE", "2018-10-03 08:47:42.958"),
        ("[2019-05-20 08:12:20.125][23][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] MESSAGE", "2019-05-20 08:12:20.125"),
        ("[2019-05-20 08:12:20.125][023][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] MESSAGE", "2019-05-20 08:12:20.125"),
        ("[Envoy (Epoch 0)] [2019-11-05 10:00:01.001][31][debug][grpc] [src/envoy/utils/grpc_transport.cc:45] MESSAGE", "2019-11-05 10:00:01.001"),
        ("2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\t[src/envoy/utils/grpc_transport.cc:43] MESSAGE", "2020-06-29T21:28:00.395123Z"),
        ("2020-06-29T21:28:00.395123Z\tdebug\tenvoy grpc\tMESSAGE", "2020-06-29T21:28:00.395123Z"),
        ("[libprotobuf ERROR src/istio/mixerclient/check_cache.cc:151] MESSAGE", nil),
    ]

    @Test func everyLayout() throws {
        for layout in Self.layouts {
            let bytes = Array(layout.line.utf8)[...]
            let header = try #require(EnvoyLogHeader.parse(bytes), "\(layout.line)")
            #expect(header.time == layout.time)
            #expect(String(decoding: bytes[header.messageStart...], as: UTF8.self) == "MESSAGE", "\(layout.line)")
        }
    }

    @Test func continuationLinesHaveNoHeader() {
        for line in ["  strings {", "    key: 131", "}", "default_words: \"x\"", "", "2019 was a year"] {
            #expect(EnvoyLogHeader.parse(Array(line.utf8)[...]) == nil, "\(line)")
        }
    }
}

@Suite struct TextTokenizerTests {
    func string(_ literal: String) -> (bytes: [UInt8], problems: [String]) {
        var tokenizer = TextTokenizer(text: Array(literal.utf8))
        guard case .string(let bytes) = tokenizer.next().token else { return ([], ["not a string"]) }
        return (bytes, tokenizer.problems.map(\.message))
    }

    @Test func escapes() {
        #expect(string(#""a\n\r\t\"\'\\b""#).bytes == Array("a\n\r\t\"'\\b".utf8))
        #expect(string(#""caf\303\251""#).bytes == Array("café".utf8), "octal, as DebugString writes UTF-8")
        #expect(string(#""\0\00\000\1""#).bytes == [0, 0, 0, 1])
        #expect(string(#""\x41\x4""#).bytes == [0x41, 0x04])
        #expect(string(#""\u00e9\U0001F600""#).bytes == Array("é😀".utf8))
        #expect(string("\"日本\"").bytes == Array("日本".utf8), "raw UTF-8 (Utf8DebugString)")
        #expect(string(#"'single'"#).bytes == Array("single".utf8))
    }

    @Test func badEscapesAreReportedAndKept() {
        let unknown = string(#""a\9b""#)
        #expect(unknown.bytes == Array(#"a\9b"#.utf8))
        #expect(unknown.problems == ["unknown escape \\'9'; kept as written"])
        let noDigits = string(#""\xg""#)
        #expect(noDigits.bytes == Array(#"\xg"#.utf8))
        #expect(noDigits.problems == ["\\'x' escape without its hex digits; kept as written"])
    }

    @Test func openStringEndsAtItsLine() {
        var tokenizer = TextTokenizer(text: Array("value: \"open\nkey: 3".utf8))
        _ = tokenizer.next()
        _ = tokenizer.next()
        #expect(tokenizer.next().token == .string(Array("open".utf8)))
        #expect(tokenizer.problems.map(\.message) == ["string is not closed before the end of its line"])
        guard case .identifier = tokenizer.next().token else { Issue.record("the next line is read"); return }
    }

    @Test func numbers() {
        var tokenizer = TextTokenizer(text: Array("-131 1e+21 0x1F -inf 2.5e-05".utf8))
        var texts: [String] = []
        while case .number(let range) = tokenizer.next().token {
            texts.append(String(decoding: tokenizer.text[range], as: UTF8.self))
        }
        #expect(texts == ["-131", "1e+21", "0x1F", "-inf", "2.5e-05"])
    }
}

@Suite struct LineSplitterTests {
    func split(_ chunks: [String], max: Int = 100) -> [String] {
        var splitter = LineSplitter(maxLineBytes: max)
        var lines: [String] = []
        for chunk in chunks {
            splitter.append(Array(chunk.utf8)[...]) { line, overlong in
                lines.append(String(decoding: line, as: UTF8.self) + (overlong ? "…" : ""))
            }
        }
        splitter.finish { line, overlong in lines.append(String(decoding: line, as: UTF8.self) + (overlong ? "…" : "")) }
        return lines
    }

    @Test func chunkBoundariesDoNotMatter() {
        let text = "one\ntwo\n\nthree"
        let whole = split([text])
        #expect(whole == ["one", "two", "", "three"])
        #expect(split(text.map(String.init)) == whole)
    }

    @Test func longLinesAreCutAndFlagged() {
        #expect(split(["abcdefgh\nok\n"], max: 4) == ["abcd…", "ok"])
        #expect(split(["ab", "cdef", "gh\nok"], max: 4) == ["abcd…", "ok"])
    }
}
