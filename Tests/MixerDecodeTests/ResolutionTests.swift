import Testing
@testable import MixerDecode

/// Word resolution and batch replay exactly as Mixer does them (docs/protocol.md §2-§5).
@Suite struct ResolutionTests {
    func report(
        records: [[UInt8]], defaultWords: [String] = [], count: UInt64 = 221, semantics: UInt64? = 1
    ) -> ResolvedRequest {
        var bytes = records.flatMap { Wire.bytesField(1, $0) }
        bytes += defaultWords.flatMap { Wire.stringField(2, $0) }
        bytes += Wire.varintField(3, count)
        if let semantics { bytes += Wire.varintField(4, semantics) }
        return Resolver().resolve(WireDecoder().decodeReportRequest(bytes))
    }

    @Test func negativeIndicesNameDefaultWords() {
        let request = report(records: [Wire.indexPair(2, 3, -1) + Wire.indexPair(2, -2, -3)],
                             defaultWords: ["kubernetes://details-v1", "my.attribute", "value"])
        #expect(request.records[0].attributes.attributeList() == [
            Attribute(name: "my.attribute", value: .string("value")),
            Attribute(name: "source.uid", value: .string("kubernetes://details-v1")),
        ])
    }

    /// One view reads every record: names in name order, each looked up by
    /// its text or by an `AttributeName`, whether it is a global word
    /// (looked up by id) or a message word (by text).
    @Test func theViewFindsGlobalAndMessageWordNames() {
        let request = report(
            records: [Wire.indexPair(2, -1, -2) + Wire.indexPair(2, 131, 124)], defaultWords: ["zz.custom", "value"])
        let attributes = request.records[0].attributes
        #expect(attributes.count == 2)
        #expect(attributes.map(\.name) == ["context.protocol", "zz.custom"])
        #expect(attributes.map(\.kind) == [.string, .string])
        for attribute in attributes {
            #expect(attributes.value(of: attribute.name) == attribute.value)
            #expect(attributes.value(of: attribute.attributeName) == attribute.value)
            #expect(attributes.value(of: AttributeName(attribute.name)) == attribute.value)
            #expect(attributes.contains(attribute.attributeName))
            #expect(!attributes.isCarriedOver(attribute.attributeName))
        }
        #expect(attributes.value(of: AttributeName("zz.custom")) == .string("value"))
        #expect(attributes.value(of: "request.method") == nil)
        #expect(!attributes.contains(AttributeName("zz.other")))
        #expect(attributes.attributeList() == attributes.map(\.attribute))
    }

    @Test func recordWordsReplaceDefaultWordsNeverMerge() {
        let ownWords = Wire.stringField(1, "own") + Wire.indexPair(2, 3, -1) + Wire.indexPair(2, 4, -2)
        let request = report(records: [ownWords, Wire.indexPair(2, 3, -1)], defaultWords: ["shared", "second"])
        #expect(request.records[0].value(of: "source.uid") == .string("own"))
        #expect(request.records[0].value(of: "source.namespace") == nil, "slot 1 is not looked up in default_words")
        #expect(request.records[0].findings.map(\.code) == [.unknownIndex])
        #expect(request.records[1].value(of: "source.uid") == .string("shared"))
    }

    @Test func wordsLostWithTheDamageAreOneFindingNotOnePerIndex() {
        let record = Wire.indexPair(2, 131, 124) + Wire.indexPair(2, 3, -1) + Wire.indexPair(2, 4, -2)
        let bytes = Wire.bytesField(1, record) + Wire.bytesField(1, record) + Wire.stringField(2, "lost")
        // Cut inside the default word that follows the records.
        let decoded = WireDecoder().decodeReportRequest(Array(bytes.dropLast(2)))
        #expect(decoded.stoppedAt == .byte(2 * (2 + record.count) + 1))
        let request = Resolver().resolve(decoded)
        for resolved in request.records {
            #expect(resolved.attributes.attributeList() == [Attribute(name: "context.protocol", value: .string("tcp"))])
            #expect(resolved.lostWordEntries == 2)
            #expect(resolved.isPartial)
            #expect(resolved.findings.map(\.code) == [.truncated], "no unknown-index: the sender did nothing wrong")
        }
        #expect(request.semantics == nil, "field 4 was never read: no delta replay is invented")
        #expect(request.findings.map(\.code) == [.truncated], "no count or semantics notes: the cut is the one finding")
    }

    @Test func int32MinIsAnUnknownIndexNotATrap() {
        let request = report(records: [Wire.indexPair(2, Int32.min, 1)])
        #expect(request.records[0].attributes.isEmpty)
        #expect(request.records[0].findings.map(\.code) == [.unknownIndex])
    }

    /// Mixer looks a global index up in its own, full list, whatever count
    /// the sender wrote (mixer/pkg/attribute/protoBag.go, `ProtoBag.lookup`:
    /// `index < len(globalWordList)`); a real 1.1.6 Mixer given a count of
    /// 111 resolved indices 127 and 132 alike.
    @Test func indexPastTheSendersCountIsReadFromMixersOwnList() {
        let request = report(records: [Wire.indexPair(2, 221, 124) + Wire.indexPair(2, 131, 124)], count: 178)
        #expect(request.dictionary?.release == "0.8")
        #expect(request.records[0].attributes.attributeList() == [
            Attribute(name: "context.protocol", value: .string("tcp")),
            Attribute(name: "context.proxy_version", value: .string("tcp")),
        ])
        let finding = request.records[0].findings[0]
        #expect(finding.code == .dictionaryMismatch && finding.severity == .warning)
        #expect(finding.message.contains("global index 221 is past the sender's 178-word dictionary, which istio-proxy never sends"))
        #expect(finding.message.contains("a Mixer of 1.3 or later reads 221 as \"context.proxy_version\""))
    }

    @Test func fallbackCountStillResolvesEveryKnownIndex() {
        let request = report(records: [Wire.indexPair(2, 127, 92) + Wire.indexPair(2, 132, 92)], count: 111)
        #expect(request.dictionary?.release == "fallback")
        #expect(request.records[0].attributes.map(\.name) == [GlobalDictionary.allWords[132], GlobalDictionary.allWords[127]].sorted())
        #expect(request.records[0].findings.map(\.code) == [.dictionaryMismatch])
        #expect(request.records[0].findings[0].message.contains("global index 127 and 1 more"))
    }

    /// Word 202 is in the 1.0 proxies' list, but 1.0.0's own Mixer shipped
    /// only the first 202 words: only from 1.1 is it sure to be read.
    @Test func wordTwoHundredTwoIsSureOnlyFromMixerOneOne() {
        let request = report(records: [Wire.indexPair(2, 202, 124)], count: 178)
        let finding = request.records[0].findings[0]
        #expect(finding.message.contains("a Mixer of 1.1 or later reads 202 as \"connection.requested_server_name\""))
    }

    @Test func indexPastEveryKnownListIsUnknown() {
        let request = report(records: [Wire.indexPair(2, 222, 124) + Wire.indexPair(2, 131, 124)], count: 222)
        #expect(request.records[0].attributes.attributeList() == [Attribute(name: "context.protocol", value: .string("tcp"))])
        let finding = request.records[0].findings[0]
        #expect(finding.code == .unknownIndex)
        #expect(finding.message.contains("global index 222 is past every known global dictionary (222 words"))
    }

    @Test func deltaRecordsAccumulateByName() {
        let first = Wire.indexPair(2, 131, 92) + Wire.indexPair(2, 19, 90)
        let second = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(30) + Wire.varintField(2, 503))
        // A later value replaces an earlier one even across types.
        let third = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(19) + Wire.varintField(2, 7))
        let request = report(records: [first, second, third], count: 203, semantics: nil)
        #expect(request.semantics == .delta)
        #expect(request.records[1].attributes.map(\.name) == ["context.protocol", "request.method", "response.code"])
        #expect(request.records[1].attributes.filter(\.isCarriedOver).map(\.name) == ["context.protocol", "request.method"])
        #expect(request.records[1].attributes.isCarriedOver(AttributeName("request.method")))
        #expect(!request.records[1].attributes.isCarriedOver(AttributeName("response.code")), "sent by this record")
        #expect(request.records[2].value(of: "request.method") == .int64(7))
        #expect(request.records[2].value(of: "response.code") == .int64(503), "nothing is ever deleted")
    }

    @Test func independentRecordsStandAlone() {
        let request = report(records: [Wire.indexPair(2, 131, 92), Wire.indexPair(2, 19, 90)])
        #expect(request.records[1].attributes.map(\.name) == ["request.method"])
        #expect(request.records[1].attributes.carriedOverCount == 0)
    }

    @Test func explicitDeltaEncodingIsDelta() {
        let request = report(records: [Wire.indexPair(2, 131, 92), Wire.indexPair(2, 19, 90)], semantics: 0)
        #expect(request.records[1].attributes.map(\.name) == ["context.protocol", "request.method"])
    }

    @Test func unknownSemanticsIsAnErrorAndRecordsStandAlone() {
        let request = report(records: [Wire.indexPair(2, 131, 92), Wire.indexPair(2, 19, 90)], semantics: 7)
        #expect(request.findings.map(\.code) == [.unknownSemantics])
        #expect(request.findings[0].severity == .error)
        #expect(request.records[1].attributes.map(\.name) == ["request.method"])
    }

    @Test func firstMapInProbeOrderWins() {
        let both = Wire.bytesField(3, Wire.tag(1, 0) + Wire.sint32(131) + Wire.varintField(2, 5)) + Wire.indexPair(2, 131, 124)
        let independent = report(records: [both])
        #expect(independent.records[0].value(of: "context.protocol") == .string("tcp"), "strings is probed before int64s")
        #expect(independent.records[0].findings.map(\.code) == [.duplicateAttribute])
        #expect(independent.records[0].findings[0].severity == .warning)
        let delta = report(records: [both], semantics: nil)
        #expect(delta.records[0].findings[0].severity == .error, "Mixer fails delta batches with duplicates")
    }

    @Test func stringMapWithAnUnknownIndexIsAbsent() {
        let map = Wire.bytesField(9, Wire.tag(1, 0) + Wire.sint32(15) + Wire.bytesField(2, Wire.indexPair(1, 18, -9)))
        let request = report(records: [map])
        #expect(request.records[0].attributes.isEmpty)
        #expect(request.records[0].findings.first?.attribute == "request.headers")
    }

    @Test(arguments: [(UInt64(230), Finding.Severity.error), (190, .warning)])
    func dictionaryMismatch(_ count: UInt64, _ severity: Finding.Severity) {
        let request = report(records: [Wire.indexPair(2, 131, 124)], count: count)
        #expect(request.findings.map(\.code) == [.dictionaryMismatch])
        #expect(request.findings[0].severity == severity)
        #expect(request.records[0].value(of: "context.protocol") == .string("tcp"), "indices in range still decode")
    }

    @Test func dictionaryOverrideWins() {
        let bytes = Wire.bytesField(1, Wire.indexPair(2, 221, 124)) + Wire.varintField(3, 178)
        let request = Resolver(dictionaryOverride: GlobalDictionary(release: "1.3")).resolve(WireDecoder().decodeReportRequest(bytes))
        #expect(request.records[0].value(of: "context.proxy_version") == .string("tcp"))
        #expect(request.findings.map(\.severity) == [.note])
    }

    @Test func checkUsesItsOwnWordsAndCarriesQuotas() {
        let attributes = Wire.stringField(1, "POST") + Wire.indexPair(2, 19, -1)
        let params = Wire.varintField(1, 1) + Wire.varintField(2, 1)
        let quota = Wire.stringField(1, "requestcount.quota.istio-system") + Wire.bytesField(2, params)
        let bytes = Wire.bytesField(1, attributes) + Wire.varintField(2, 222) + Wire.stringField(3, "dedup-1")
            + Wire.bytesField(4, quota)
        let request = Resolver().resolve(WireDecoder().decodeCheckRequest(bytes))
        #expect(request.message == .check)
        #expect(request.records[0].value(of: "request.method") == .string("POST"))
        #expect(request.deduplicationID == "dedup-1")
        #expect(request.quotas == [CheckRequest.Quota(name: "requestcount.quota.istio-system", amount: 1, bestEffort: true)])
    }

    @Test func uncompressedAttributesLastValueWins() {
        func entry(_ name: String, _ value: [UInt8]) -> [UInt8] {
            Wire.bytesField(1, Wire.stringField(1, name) + Wire.bytesField(2, value))
        }
        let bytes = entry("request.path", Wire.stringField(2, "/a")) + entry("response.code", Wire.varintField(3, 404))
            + entry("request.path", Wire.stringField(2, "/b"))
        let request = Resolver().resolve(WireDecoder().decodeAttributes(bytes))
        #expect(request.records[0].attributes.attributeList() == [
            Attribute(name: "request.path", value: .string("/b")),
            Attribute(name: "response.code", value: .int64(404)),
        ])
    }
}
