/// Tells the input forms apart without flags. The rules, in order:
///
/// 1. text made only of hex digits and white space, with an even number of
///    digits: `hex`;
/// 2. text made only of base64 characters, `=` and white space: `base64`;
/// 3. first byte 0x00 or 0x01: `grpc` (a gRPC frame starts with its
///    compressed flag, while a protobuf message cannot: its first byte is a
///    tag, and field number 0 does not exist);
/// 4. anything else: `raw`.
public enum InputKindDetector {
    public static func detect(_ bytes: [UInt8]) -> InputKind {
        var hexDigits = 0
        var onlyHex = true
        var onlyBase64 = true
        var sawText = false
        for byte in bytes {
            if isWhitespace(byte) { continue }
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
        if let first = bytes.first, first <= 1 { return .grpc }
        return .raw
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
