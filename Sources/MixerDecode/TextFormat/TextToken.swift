/// One token of protobuf text format (what C++ `DebugString()` prints).
enum TextToken: Equatable {
    /// A field or enum name; the range is in the dump text.
    case identifier(Range<Int>)
    /// A quoted string with its escapes resolved (raw bytes: strings and
    /// bytes fields share the syntax). Adjacent strings are separate tokens.
    case string([UInt8])
    /// A number as written, sign included ("-1", "0x1F", "1e+21", "-inf").
    case number(Range<Int>)
    /// One of `{ } < > : [ ] , ;`.
    case symbol(UInt8)
    /// The end of the dump text.
    case end
}

/// A problem the tokenizer found and stepped over (the token is still produced).
struct TextTokenProblem {
    var offset: Int
    var message: String
}
