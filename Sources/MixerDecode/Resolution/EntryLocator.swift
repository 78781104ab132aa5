/// Finds the byte offset of one map entry of a record, by walking the
/// record's bytes again. Only findings call it, so decoding healthy input
/// keeps no offsets at all.
struct EntryLocator {
    let input: [UInt8]?
    let record: Range<Int>

    static let fieldNumbers: [String: UInt32] = [
        "strings": 2, "int64s": 3, "doubles": 4, "bools": 5, "timestamps": 6, "durations": 7, "bytes": 8,
        "string_maps": 9,
    ]

    /// Offset of the tag of entry `ordinal` of `map` ("strings", ...), or nil.
    func offset(map: String, ordinal: Int) -> Int? {
        guard let input, !record.isEmpty, let field = Self.fieldNumbers[map] else { return nil }
        return WireInput.withCursor(over: input, range: record) { cursor in
            var seen = 0
            while !cursor.isAtEnd {
                let tagOffset = cursor.position
                guard let tag = cursor.readTag() else { return nil }
                if tag.fieldNumber == field && tag.wireType == .lengthDelimited {
                    if seen == ordinal { return tagOffset }
                    seen += 1
                }
                guard case .skipped = FieldSkipper.skipValue(of: tag, cursor: &cursor, tagOffset: tagOffset, depthBudget: 100)
                else { return nil }
            }
            return nil
        }
    }
}
