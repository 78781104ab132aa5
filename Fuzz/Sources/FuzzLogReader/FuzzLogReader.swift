import MixerDecode

/// The log reader: the bytes are an Envoy log, fed in two chunks split where
/// the first byte says, so that chunk boundaries are fuzzed too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var decoder = InputStreamDecoder(inputName: "fuzz", settings: .init(
        inputKind: .log, limits: DecodeLimits(maxMessageBytes: 1 << 20, maxDepth: 100, maxEntries: 100_000),
        maxLineBytes: 1 << 16))
    var json = JSONWriter()
    let emit: (ResolvedRequest) -> Void = { request in
        RecordJSON().writeObjects(of: request, to: &json) { $0.removeAll() }
        _ = TextRenderer().render(request)
    }
    decoder.feed(bytes[0..<split], emit: emit)
    decoder.feed(bytes[split...], emit: emit)
    decoder.finish(emit: emit)
    return 0
}
