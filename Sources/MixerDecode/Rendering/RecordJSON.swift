/// The JSON object of one record: the NDJSON contract (README.md, "Output").
///
///     {"input": "-", "request": 0, "message": "report", "record": 0,
///      "dictionary": {"release": "1.1", "globalWordCount": 221},
///      "attributes": {...}, "findings": [...]}
///
/// A request with no record at all (unreadable, or empty) still yields one
/// object, with `"record": null`, so that its findings are never silent.
public struct RecordJSON: Sendable {
    public var manifest: AttributeManifest

    public init(manifest: AttributeManifest = .istio116) { self.manifest = manifest }

    /// Writes one object per record of `request` (at least one) to `json`,
    /// calling `flush` after each with the object's bytes.
    public func writeObjects(of request: ResolvedRequest, to json: inout JSONWriter, after each: (inout JSONWriter) -> Void) {
        if request.records.isEmpty {
            writeObject(request, record: nil, to: &json)
            each(&json)
        }
        var shared = MixerEvaluationOutput.SharedPartsByShape()
        for record in request.records {
            writeObject(request, record: record, to: &json, sharing: &shared)
            each(&json)
        }
    }

    public func writeObject(_ request: ResolvedRequest, record: ResolvedRecord?, to json: inout JSONWriter) {
        var shared = MixerEvaluationOutput.SharedPartsByShape()
        writeObject(request, record: record, to: &json, sharing: &shared)
    }

    /// `shared`: what the request's records of one evaluation shape write alike, written once.
    private func writeObject(
        _ request: ResolvedRequest, record: ResolvedRecord?, to json: inout JSONWriter, sharing shared: inout MixerEvaluationOutput.SharedPartsByShape
    ) {
        json.beginObject()
        json.key("input"); json.string(request.location.input)
        json.key("request"); json.number(request.location.ordinal)
        json.key("message")
        if let message = request.message { json.string(message.rawValue) } else { json.null() }
        json.key("record")
        if let record { json.number(record.index) } else { json.null() }
        if let position = request.location.position { writePosition(position, to: &json) }
        if let time = request.location.logTime { json.key("logTime"); json.string(time) }
        if let stream = request.location.stream { json.key("stream"); write(stream, to: &json) }
        json.key("dictionary")
        writeDictionary(of: request, to: &json)
        if record?.isPartial == true || (record == nil && request.lostContent) {
            json.key("partial"); json.bool(true)
        }
        if request.message == .check { writeCheckFields(of: request, to: &json) }
        if let response = request.checkResponse {
            json.key("checkResponse")
            writeCheckResponse(response, to: &json)
        }
        json.key("attributes")
        writeAttributes(record?.attributes ?? .empty, to: &json)
        if let evaluation = record?.mixer {
            json.key("mixer")
            MixerEvaluationOutput.write(evaluation, to: &json, sharing: &shared)
        }
        json.key("findings")
        json.beginArray()
        // Two loops, not one over the two lists joined: that would build an array per record.
        for finding in request.findings { write(finding, to: &json) }
        for finding in record?.findings ?? [] { write(finding, to: &json) }
        json.endArray()
        json.endObject()
    }

    /// `{"release": "1.1", "globalWordCount": 221}`, or null for the uncompressed `Attributes`.
    private func writeDictionary(of request: ResolvedRequest, to json: inout JSONWriter) {
        guard let dictionary = request.dictionary else {
            json.null()
            return
        }
        json.beginObject()
        json.key("release"); json.string(dictionary.release)
        // What the sender wrote; null when no count was sent or read.
        json.key("globalWordCount")
        if let count = request.globalWordCount, count != 0 { json.number(Int(count)) } else { json.null() }
        json.endObject()
    }

    /// A Check's `"deduplicationId"` and `"quotas"`.
    private func writeCheckFields(of request: ResolvedRequest, to json: inout JSONWriter) {
        json.key("deduplicationId"); json.string(request.deduplicationID ?? "")
        json.key("quotas")
        json.beginObject()
        for quota in request.quotas {
            json.key(quota.name)
            json.beginObject()
            json.key("amount"); json.raw(String(quota.amount))
            json.key("bestEffort"); json.bool(quota.bestEffort)
            json.endObject()
        }
        json.endObject()
    }

    /// The attributes in name order, read from the record's view: names and
    /// string values that are global words are copied from
    /// `quotedGlobalWords`, and no `Attribute` is built for them.
    private func writeAttributes(_ attributes: RecordAttributes, to json: inout JSONWriter) {
        json.beginObject()
        for attribute in attributes {
            Self.writeKey(attribute.nameWord, to: &json)
            if let word = attribute.stringWord {
                Self.writeString(word, to: &json)
            } else if attribute.kind == .stringMap {
                json.beginObject()
                attribute.forEachPair { key, value in
                    Self.writeKey(key, to: &json)
                    Self.writeString(value, to: &json)
                }
                json.endObject()
            } else {
                ValueFormatter.writeJSON(attribute.value, attribute: attribute.name, manifest: manifest, to: &json)
            }
        }
        json.endObject()
    }

    /// Every global word as a JSON string, made once: attribute names and
    /// most values are global words, so writing one is a single copy.
    private static let quotedGlobalWords: [[UInt8]] = GlobalDictionary.allWords.map(JSONWriter.quoted)

    private static func writeKey(_ word: RecordWord, to json: inout JSONWriter) {
        switch word {
        case .global(let index): json.key(quoted: quotedGlobalWords[index])
        case .text(let text): json.key(text)
        }
    }

    private static func writeString(_ word: RecordWord, to json: inout JSONWriter) {
        switch word {
        case .global(let index): json.string(quoted: quotedGlobalWords[index])
        case .text(let text): json.string(text)
        }
    }

    private func writeCheckResponse(_ response: ResolvedCheckResponse, to json: inout JSONWriter) {
        json.beginObject()
        if let status = response.status {
            json.key("status")
            writeStatus(status, to: &json)
        }
        if let duration = response.validDuration {
            json.key("validDuration"); json.string(ValueFormatter.durationText(duration))
        }
        if let count = response.validUseCount { json.key("validUseCount"); json.number(Int(count)) }
        json.key("referencedAttributes")
        writeReferences(response.referencedAttributes, to: &json)
        if let directive = response.routeDirective {
            json.key("routeDirective")
            json.beginObject()
            for (key, operations) in [
                ("requestHeaderOperations", directive.requestHeaderOperations),
                ("responseHeaderOperations", directive.responseHeaderOperations),
            ] where !operations.isEmpty {
                json.key(key)
                json.beginArray()
                for operation in operations {
                    json.beginObject()
                    json.key("name"); json.string(operation.name)
                    json.key("value"); json.string(operation.value)
                    json.key("operation"); json.string(Self.operationName(operation.operation))
                    json.endObject()
                }
                json.endArray()
            }
            if directive.directResponseCode != 0 { json.key("directResponseCode"); json.number(Int(directive.directResponseCode)) }
            if !directive.directResponseBody.isEmpty { json.key("directResponseBody"); json.string(directive.directResponseBody) }
            json.endObject()
        }
        json.key("quotas")
        json.beginObject()
        for quota in response.quotas {
            json.key(quota.name)
            json.beginObject()
            json.key("grantedAmount"); json.raw(String(quota.grantedAmount))
            if let duration = quota.validDuration { json.key("validDuration"); json.string(ValueFormatter.durationText(duration)) }
            if let status = quota.status { json.key("status"); writeStatus(status, to: &json) }
            if !quota.referencedAttributes.isEmpty {
                json.key("referencedAttributes")
                writeReferences(quota.referencedAttributes, to: &json)
            }
            json.endObject()
        }
        json.endObject()
        json.endObject()
    }

    /// `HeaderOperation.Operation` by name; a number no release defines as itself.
    private static func operationName(_ operation: Int32) -> String {
        let names = ["REPLACE", "REMOVE", "APPEND"]
        return names.indices.contains(Int(operation)) ? names[Int(operation)] : "\(operation)"
    }

    private func writeStatus(_ status: CheckResponse.Status, to json: inout JSONWriter) {
        json.beginObject()
        json.key("code"); json.number(Int(status.code))
        if !status.message.isEmpty { json.key("message"); json.string(status.message) }
        json.endObject()
    }

    private func writeReferences(_ references: [ResolvedCheckResponse.Reference], to json: inout JSONWriter) {
        json.beginArray()
        for reference in references {
            json.beginObject()
            json.key("name")
            if let name = reference.name { json.string(name) } else { json.null() }
            if reference.name == nil { json.key("index"); json.number(Int(reference.index)) }
            json.key("condition"); json.string(reference.condition)
            if !reference.regex.isEmpty { json.key("regex"); json.string(reference.regex) }
            if let key = reference.mapKey { json.key("mapKey"); json.string(key) }
            json.endObject()
        }
        json.endArray()
    }

    /// `{"namespace": ..., "pod": ..., "container": ..., "host": ..., "unit": ..., "stdio": ..., "labels": {...}}`,
    /// only what the log named.
    public func write(_ stream: LogStream, to json: inout JSONWriter) {
        json.beginObject()
        for (key, value) in [
            ("namespace", stream.namespace), ("pod", stream.pod), ("container", stream.container),
            ("host", stream.host), ("unit", stream.unit), ("stdio", stream.stdio),
        ] {
            if let value { json.key(key); json.string(value) }
        }
        if !stream.labels.isEmpty {
            json.key("labels")
            json.beginObject()
            for label in stream.labels { json.key(label.name); json.string(label.value) }
            json.endObject()
        }
        json.endObject()
    }

    public func write(_ finding: Finding, to json: inout JSONWriter) {
        json.beginObject()
        json.key("code"); json.string(finding.code.rawValue)
        json.key("severity"); json.string(finding.severity.rawValue)
        json.key("message"); json.string(finding.message)
        if let attribute = finding.attribute { json.key("attribute"); json.string(attribute) }
        if let position = finding.position { writePosition(position, to: &json) }
        if let fix = finding.fix { json.key("fix"); json.string(fix) }
        json.endObject()
    }

    /// `"offset": N` for a byte, `"line": L, "column": C` for text.
    private func writePosition(_ position: Position, to json: inout JSONWriter) {
        switch position {
        case .byte(let offset):
            json.key("offset"); json.number(offset)
        case .line(let line, let column):
            json.key("line"); json.number(line)
            if let column { json.key("column"); json.number(column) }
        }
    }
}
