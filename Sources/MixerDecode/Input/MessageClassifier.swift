/// Decides which Mixer message a raw protobuf holds, from its shape alone.
///
/// Each message allows a few (field number, wire type) pairs at the top:
///
///     ReportRequest         1 bytes, 2 bytes,  3 varint, 4 varint
///     CheckRequest          1 bytes, 2 varint, 3 bytes,  4 bytes
///     CompressedAttributes  1-9 bytes
///     Attributes            1 bytes
///
/// The candidate with the fewest fields it does not allow wins. When only
/// field 1 is present all four fit, and the content of the first field 1
/// decides: an entry of `Attributes` is a name and an `AttributeValue`, a
/// record of a Report is map entries. Ties go to `report`, what Envoy sends
/// most. `--message` overrides all of this.
public enum MessageClassifier {
    /// Groups skipped on the way may nest `limits.maxDepth` deep, as in a decoder.
    public static func classify(
        _ bytes: [UInt8], range: Range<Int>, limits: DecodeLimits = .default
    ) -> (kind: MessageKind, reason: String) {
        WireInput.withCursor(over: bytes, range: range) { cursor in classify(&cursor, limits: limits) }
    }

    /// The messages a binary input can be read as, in the order ties are listed.
    private static let classifiable: [MessageKind] = [.report, .check, .compressed, .attributes, .checkResponse]

    /// The (field number, wire type) pairs each message has at its top, as
    /// tags (`number << 3 | wire type`), from the messages' schemas.
    private static let allowed: [MessageKind: Set<UInt32>] = [
        .report: tags(ReportRequestField.self),
        .check: tags(CheckRequestField.self),
        .compressed: tags(CompressedAttributesField.self),
        .attributes: tags(AttributesField.self),
        .checkResponse: tags(CheckResponseField.self),
    ]

    private static func tags<Field: MessageSchema>(_: Field.Type) -> Set<UInt32> { Set(Field.allCases.map(\.tag)) }

    private static func classify(_ cursor: inout WireCursor, limits: DecodeLimits) -> (kind: MessageKind, reason: String) {
        // Each distinct tag with how often it came: a Report repeats field 2
        // once per record, and a misfit counts every time it comes.
        var seen: [UInt32: Int] = [:]
        var fields = 0
        var firstFieldOne: WireCursor?
        var firstFieldTwo: WireCursor?
        while !cursor.isAtEnd, fields < 10_000 {
            let tagOffset = cursor.position
            guard let tag = cursor.readTag() else { break }
            let key = tag.fieldNumber << 3 | UInt32(tag.wireType.rawValue)
            seen[key, default: 0] += 1
            fields += 1
            if tag.wireType == .lengthDelimited, let length = cursor.readLength() {
                if tag.fieldNumber == 1 && firstFieldOne == nil { firstFieldOne = cursor.nested(length: length) }
                if tag.fieldNumber == 2 && firstFieldTwo == nil { firstFieldTwo = cursor.nested(length: length) }
                cursor.position += length
            } else if case .failed = FieldSkipper.skipValue(of: tag, cursor: &cursor, tagOffset: tagOffset, depthBudget: limits.maxDepth) {
                break
            }
        }
        let misfits = classifiable.map { kind in
            let tags = allowed[kind]!
            return (kind, seen.reduce(0) { $0 + (tags.contains($1.key) ? 0 : $1.value) })
        }
        let fewest = misfits.map(\.1).min() ?? 0
        let candidates = misfits.filter { $0.1 == fewest }.map(\.0)
        if candidates.count == 1 {
            return (candidates[0], "only \(candidates[0].rawValue) has this set of top-level fields")
        }
        // Several fit, so only length-delimited fields are present.
        if candidates.contains(.compressed), startsWithMapEntry(firstFieldTwo) {
            return (.compressed, "field 2 holds map entries, not words: a bare CompressedAttributes")
        }
        if candidates.contains(.checkResponse), startsWithMessageTag(firstFieldTwo) {
            return (.checkResponse, "field 2 holds a PreconditionResult: a CheckResponse")
        }
        if candidates.contains(.attributes), let entry = firstFieldOne, looksLikeAttributesEntry(entry) {
            return (.attributes, "field 1 holds a name and an AttributeValue: uncompressed Attributes")
        }
        if candidates.contains(.report) {
            return (.report, "the fields fit a ReportRequest (ambiguous; use --message to choose)")
        }
        return (candidates.first ?? .report, "closest match")
    }

    /// `08 .. 10 ..`: a `map<sint32, sint32>` entry rather than a word.
    private static func startsWithMapEntry(_ field: WireCursor?) -> Bool {
        guard var cursor = field, let tag = cursor.readTag() else { return false }
        return matches(tag, IndexMapEntryField<SInt32Value>.key)
    }

    private static func matches<Field: MessageSchema>(_ tag: FieldTag, _ field: Field) -> Bool {
        tag.fieldNumber == field.number && tag.wireType == field.wireType
    }

    /// A non-printable first byte that is a tag of `PreconditionResult`
    /// (status, valid_duration, valid_use_count, referenced_attributes,
    /// route_directive): not a word, not a map entry.
    private static func startsWithMessageTag(_ field: WireCursor?) -> Bool {
        guard let byte = field?.nextByte else { return false }
        return PreconditionField.allCases.contains { $0.tag == UInt32(byte) }
    }

    /// The name (key), then the value whose first tag is an `AttributeValue` member.
    private static func looksLikeAttributesEntry(_ entry: WireCursor) -> Bool {
        var cursor = entry
        guard let first = cursor.readTag(), matches(first, StringMapEntryField.key),
              let nameLength = cursor.readLength()
        else { return false }
        cursor.position += nameLength
        guard let second = cursor.readTag(), matches(second, StringMapEntryField.value),
              let valueLength = cursor.readLength()
        else { return false }
        var value = cursor.nested(length: valueLength)
        guard let member = value.readTag() else { return valueLength == 0 }
        return AttributeValueField(rawValue: member.fieldNumber) != nil
    }
}
