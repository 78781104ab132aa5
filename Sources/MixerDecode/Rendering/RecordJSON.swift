/// The JSON object of one record: the NDJSON contract (README.md, "Output").
///
///     {"input": "-", "request": 0, "message": "report", "record": 0,
///      "dictionary": {"release": "1.1", "globalWordCount": 221},
///      "attributes": {...}, "findings": [...]}
///
/// A request with no record at all (unreadable, or empty) still yields one
/// object, with `"record": null`, so that its findings are never silent.
public struct RecordJSON {
    public var manifest: AttributeManifest

    public init(manifest: AttributeManifest = .istio116) { self.manifest = manifest }

    /// Writes one object per record of `request` (at least one) to `json`,
    /// calling `flush` after each with the object's bytes.
    public func writeObjects(of request: ResolvedRequest, to json: inout JSONWriter, after each: (inout JSONWriter) -> Void) {
        if request.records.isEmpty {
            writeObject(request, record: nil, to: &json)
            each(&json)
        }
        for record in request.records {
            writeObject(request, record: record, to: &json)
            each(&json)
        }
    }

    public func writeObject(_ request: ResolvedRequest, record: ResolvedRecord?, to json: inout JSONWriter) {
        json.beginObject()
        json.key("input"); json.string(request.location.input)
        json.key("request"); json.number(request.location.ordinal)
        json.key("message")
        if let message = request.message { json.string(message.rawValue) } else { json.null() }
        json.key("record")
        if let record { json.number(record.index) } else { json.null() }
        if let offset = request.location.byteOffset { json.key("offset"); json.number(offset) }
        if let line = request.location.line { json.key("line"); json.number(line) }
        if let time = request.location.logTime { json.key("logTime"); json.string(time) }
        json.key("dictionary")
        if let dictionary = request.dictionary {
            json.beginObject()
            json.key("release"); json.string(dictionary.release)
            json.key("globalWordCount"); json.number(Int(request.globalWordCount ?? UInt32(dictionary.wordCount)))
            json.endObject()
        } else {
            json.null()
        }
        if record?.isPartial == true || (record == nil && request.lostContent) {
            json.key("partial"); json.bool(true)
        }
        if request.message == .check {
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
        json.key("attributes")
        json.beginObject()
        for attribute in record?.attributes ?? [] {
            json.key(attribute.name)
            ValueFormatter.writeJSON(attribute.value, attribute: attribute.name, manifest: manifest, to: &json)
        }
        json.endObject()
        json.key("findings")
        json.beginArray()
        for finding in request.findings + (record?.findings ?? []) { write(finding, to: &json) }
        json.endArray()
        json.endObject()
    }

    public func write(_ finding: Finding, to json: inout JSONWriter) {
        json.beginObject()
        json.key("code"); json.string(finding.code.rawValue)
        json.key("severity"); json.string(finding.severity.rawValue)
        json.key("message"); json.string(finding.message)
        if let attribute = finding.attribute { json.key("attribute"); json.string(attribute) }
        if let offset = finding.offset { json.key("offset"); json.number(offset) }
        json.endObject()
    }
}
