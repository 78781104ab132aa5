import MixerDecodeSupport

/// Tells the input forms apart without flags. The rules, in order:
///
/// 1. text made only of hex digits and white space, with an even number of
///    digits: `hex`;
/// 2. text made only of base64 characters, `=` and line breaks (no spaces:
///    base64 tools never write them inside a line, prose does): `base64`;
/// 3. text that holds a Mixer dump marker ("Sending Report request:", ...),
///    or in which fewer than 1 % of the bytes are control characters other
///    than tab, newline, carriage return and escape: `log` (protobuf is full
///    of them: every map entry starts with 0x08 or 0x10);
/// 4. first byte 0x00 or 0x01: `grpc` (a gRPC frame starts with its
///    compressed flag, while a protobuf message cannot: its first byte is a
///    tag, and field number 0 does not exist);
/// 5. anything else: `raw`.
///
/// Only the first 64 KiB are looked at, so that a stream can be classified
/// before the rest of it arrives.
public enum InputKindDetector {
    /// How much of the input `detect` looks at.
    public static let sampleSize = 64 << 10

    public static func detect(_ input: [UInt8]) -> InputKind {
        let bytes = input.prefix(sampleSize)
        var hexDigits = 0
        var onlyHex = true
        var onlyBase64 = true
        var sawText = false
        for byte in bytes {
            if ByteSearch.isWhitespace(byte) {
                // base64 tools wrap lines but never put spaces inside them; prose does.
                if byte == 0x20 || byte == 0x09 { onlyBase64 = false }
                continue
            }
            sawText = true
            if HexText.value(of: byte) != nil {
                hexDigits += 1
                continue
            }
            onlyHex = false
            if Base64.value(of: byte) == nil && byte != UInt8(ascii: "=") {
                onlyBase64 = false
                break
            }
        }
        if sawText && onlyHex && hexDigits % 2 == 0 { return .hex }
        if sawText && onlyBase64 { return .base64 }
        if looksLikeLog(bytes) { return .log }
        if let first = bytes.first, first <= 1 { return .grpc }
        return .raw
    }

    private static func looksLikeLog(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        if DumpMarker.all.contains(where: { ByteSearch.firstIndex(of: $0.marker, in: bytes) != nil }) { return true }
        // Without a marker: a NUL byte never appears in a text log; protobuf has them often.
        if bytes.contains(0) { return false }
        let control = bytes.lazy.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x1B }.count
        // Without a marker, text must also be UTF-8 (the sample may end mid-character).
        let utf8 = String(validating: bytes.prefix(bytes.count - min(3, bytes.count)), as: UTF8.self) != nil
            || String(validating: bytes, as: UTF8.self) != nil
        return control * 100 < bytes.count && utf8
    }
}
