import Foundation
import Testing
@testable import MixerDecode
import MixerDecodeSupport

/// The JSON reader accepts exactly JSON (RFC 8259), reads strings as
/// Foundation's parser does, and no input can crash it or exhaust the stack.
@Suite struct JSONReaderTests {
    static func valid(_ text: String) -> Bool { JSONReader.isValid(Array(text.utf8)[...]) }

    /// Examples from RFC 8259's grammar and the JSONTestSuite's "y_" cases.
    @Test func acceptsJSON() {
        let accepted = [
            #"{}"#, #"[]"#, #"{"a":1}"#, #" { "a" : [ 1 , 2.5 , -0.1e+10 , true , false , null ] } "#,
            #"{"log": "x\n", "stream": "stderr"}"#, "{\n\t\"a\"\r\n:\"b\"}", #""a string""#, "0", "-0", "1E2", "1e-2",
            #"{"a":{"b":{"c":[[[{}]]]}}}"#, #"["\u0000\uD83D\uDE00\/\\\"\b\f\n\r\t"]"#, #"{"a":1,"a":2}"#, "\"é日本\"",
        ]
        for text in accepted { #expect(Self.valid(text), "\(text)") }
    }

    /// And what is not JSON ("n_" cases), though lenient parsers take some of it.
    @Test func rejectsWhatIsNotJSON() {
        let rejected = [
            "", " ", "{", "}", #"{"a":1,}"#, "[1,]", "[,1]", #"{"a" 1}"#, #"{a:1}"#, #"{'a':1}"#, "01", "1.", ".1", "-",
            "+1", "1e", "0x10", "NaN", "Infinity", "tru", "nulls", #"{"a":1} x"#, #"{"a":1}{}"#, "[1 2]",
            #""\x41""#, #""\u12""#, #""\uZZZZ""#, "\"tab\there\"", "\"new\nline\"", #""open"#, "/* comment */ {}",
            #"{"a":1 // comment"#, "[\"a\"\u{0}]",
        ]
        for text in rejected { #expect(!Self.valid(text), "\(text.debugDescription)") }
    }

    @Test func nestingIsBounded() {
        #expect(JSONReader.isValid(Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8)[...]))
        #expect(!JSONReader.isValid(Array((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8)[...]))
        // Far deeper than any stack would take by recursion: refused at the bound, at once.
        #expect(!JSONReader.isValid(Array(String(repeating: #"{"a":["#, count: 200_000).utf8)[...]))
    }

    /// Strings with every kind of escape read as Foundation reads them.
    @Test func stringsReadAsFoundationReadsThem() throws {
        var generator = Fuzz.Random(state: 10)
        let alphabet: [String] = ["a", "Z", " ", "é", "日", "😀", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7F}", "\u{2028}"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            // Foundation writes it (escaping as it likes), then both read it back.
            let json = try JSONSerialization.data(withJSONObject: [text], options: [])
            let foundation = try #require(try JSONSerialization.jsonObject(with: json) as? [String]).first
            var reader = JSONReader(Array(json)[...])
            var ours: String?
            try reader.readArray { reader in ours = String(decoding: try reader.readString(), as: UTF8.self) }
            #expect(ours == foundation, "\(text.debugDescription)")
        }
        var reader = JSONReader(Array(#""\ud83d\ude00 \ud800 \udc00x""#.utf8)[...])
        #expect(String(decoding: try reader.readString(), as: UTF8.self) == "😀 \u{FFFD} \u{FFFD}x", "lone surrogates become U+FFFD")
    }

    /// Mutations of real records: whatever the bytes, an answer and no crash.
    @Test func mutationsNeverCrash() {
        var generator = Fuzz.Random(state: 7)
        let seeds = [
            ShipperShape.fluentBit("  key: 131", pod: .details), ShipperShape.loki("x", pod: .details),
            ShipperShape.journald.lines("[2019] y", pod: .details)[0], #"{"a":[1,{"b":"\u00e9"}],"c":null}"#,
        ].map { Array($0.utf8) }
        let specials: [UInt8] = Array(#"{}[]",:\u0123456789eE+-. tfn"#.utf8) + [0, 0x0A, 0xFF]
        for _ in 0..<3000 {
            var bytes = seeds.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = specials.randomElement(using: &generator)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(specials.randomElement(using: &generator)!, at: index)
                }
            }
            let valid = JSONReader.isValid(bytes[...])
            // When we accept, Foundation must too; except for bytes that are not
            // UTF-8, which we pass on (on purpose) and Foundation refuses.
            if valid && String(validating: bytes, as: UTF8.self) != nil {
                #expect((try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil,
                        "\(String(decoding: bytes, as: UTF8.self))")
            }
            _ = JSONRecord.parse(bytes[...])
            _ = LineUnwrapper.unwrap(bytes[...], standard: LogStream.StandardStreams())
        }
    }
}
