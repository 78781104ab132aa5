import Foundation
import Testing
@testable import MixerDecode

@Suite struct DictionaryTests {
    @Test(arguments: [
        (UInt32(178), "0.8", "0.8"), (203, "1.0", "1.0"), (221, "1.1", "1.1-1.2"), (222, "1.3", "1.3-1.7"),
        (111, "fallback", "fallback"),
    ])
    func eachReleaseCount(_ count: UInt32, _ release: String, _ range: String) {
        let (dictionary, problem) = GlobalDictionary.forWordCount(count)
        #expect(dictionary.wordCount == Int(count))
        #expect(dictionary.release == release)
        #expect(dictionary.releaseRange == range)
        #expect(problem == nil)
        #expect(dictionary.word(at: Int(count) - 1) != nil)
        #expect(dictionary.word(at: Int(count)) == nil, "nothing past the prefix")
    }

    @Test func wordsKeepTheirYAMLQuotes() {
        let words = GlobalDictionary.newest
        #expect(words.word(at: 94) == "'200'")
        #expect(words.word(at: 136) == "200")
        #expect(words.word(at: 111) == "'0'")
        #expect(words.word(at: 134) == "0")
        #expect(words.word(at: 218) == "\"-\"")
        #expect(words.word(at: 131) == "context.protocol")
        #expect(words.word(at: 124) == "tcp")
        #expect(words.word(at: 92) == "http")
        #expect(words.word(at: 221) == "context.proxy_version")
        #expect(!words.words.contains("grpc"), "grpc is never a global word")
        #expect(!words.words.contains("-"))
    }

    @Test func countsNoReleaseSent() {
        let (tooNew, problem) = GlobalDictionary.forWordCount(230)
        #expect(tooNew.wordCount == 222)
        #expect(tooNew.release == "unknown")
        #expect(problem?.contains("inconsistent global dictionary versions used") == true)
        let (odd, oddProblem) = GlobalDictionary.forWordCount(190)
        #expect(odd.wordCount == 190)
        #expect(oddProblem != nil)
    }

    @Test func releasesByName() {
        #expect(GlobalDictionary(release: "1.2")?.wordCount == 221)
        #expect(GlobalDictionary(release: "1.7")?.wordCount == 222)
        #expect(GlobalDictionary(release: "fallback")?.wordCount == 111)
        #expect(GlobalDictionary(release: "2.0") == nil)
    }

    /// The generated table must match the data it was generated from.
    @Test func generatedTablesAreCurrent() throws {
        let data = try Data(contentsOf: repositoryFile("Scripts/data/global-dictionary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["words"] as? [String] == GlobalDictionary.allWords)
        let releases = try #require(json["releases"] as? [String: Int])
        #expect(Dictionary(uniqueKeysWithValues: GlobalDictionary.releasePrefixes.map { ($0.release, $0.wordCount) }) == releases)
        #expect(json["base_size"] as? Int == GlobalDictionary.fallbackWordCount)

        let manifestData = try Data(contentsOf: repositoryFile("Scripts/data/attribute-manifest-1.1.6.json"))
        let manifests = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        var expected: [String: AttributeType] = [:]
        for (name, entries) in manifests where name != "_meta" {
            for (attribute, type) in try #require(entries as? [String: String]) {
                expected[attribute] = AttributeType(rawValue: type)
            }
        }
        #expect(AttributeManifest.istio116.types == expected)
        #expect(AttributeManifest.istio116.type(of: "destination.ip") == .ipAddress)
        #expect(AttributeManifest.istio116.type(of: "response.code") == .int64)
    }
}
