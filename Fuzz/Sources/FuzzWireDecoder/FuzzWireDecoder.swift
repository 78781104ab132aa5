import MixerDecode

/// Every binary form the command reads: the input kind and message are
/// detected as the command does, then the request is resolved, diagnosed and
/// written as JSON, so that every step meets the fuzzer's bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let decoder = InputDecoder(
        inputKind: bytes.first.map { $0 & 1 == 0 ? .raw : .grpc },
        limits: DecodeLimits(maxMessageBytes: 1 << 20, maxDepth: 100, maxEntries: 100_000))
    var json = JSONWriter()
    decoder.decode(bytes, inputName: "fuzz") { request in
        RecordJSON().writeObjects(of: request, to: &json) { $0.removeAll() }
        _ = TextRenderer().render(request)
    }
    return 0
}
