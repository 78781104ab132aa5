/// A field name in the dump text, compared with static names without copying.
struct FieldName: CustomStringConvertible {
    let text: [UInt8]
    let range: Range<Int>

    // Inlined: every field name goes through a chain of these comparisons.
    @inline(__always)
    static func == (name: FieldName, expected: StaticString) -> Bool {
        guard name.range.count == expected.utf8CodeUnitCount else { return false }
        return expected.withUTF8Buffer { buffer in
            var index = name.range.lowerBound
            for byte in buffer {
                if name.text[index] != byte { return false }
                index += 1
            }
            return true
        }
    }

    var description: String { String(decoding: text[range], as: UTF8.self) }
}
