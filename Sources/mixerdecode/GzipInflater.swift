import CZlib

/// Decompresses gzip as it is read, through the system's zlib, so that a
/// rotated log (`0.log.20190520-081220.gz`) streams like a plain one. It is
/// pulled one output chunk at a time: memory holds zlib's 32 KiB window,
/// one compressed chunk and one output chunk, whatever the file's size or
/// its compression ratio. Members written one after another (`cat a.gz
/// b.gz`) are read in turn, as gzip does.
final class GzipInflater {
    /// What went wrong, at which byte of the compressed file.
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    static let outputChunk = 1 << 16

    private var stream = z_stream()
    private var ready = false
    /// Compressed bytes given and not consumed yet.
    private var input: [UInt8] = []
    private var inputStart = 0
    /// Compressed bytes consumed by the members before the current one.
    private var consumedBefore = 0
    /// The current member ended; the next bytes must start another.
    private var memberEnded = false
    /// Damage found after some output: reported at the next call.
    private var failure: Failure?

    init() {
        // 15 + 16: the largest window, gzip framing (not zlib's or raw deflate).
        ready = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { inflateEnd(&stream) }
    }

    /// The two bytes every gzip member starts with.
    static func isGzip(_ head: [UInt8]) -> Bool { head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B }

    /// Compressed bytes read so far.
    var compressedOffset: Int { consumedBefore + Int(stream.total_in) }

    /// More compressed bytes, once the previous ones are used up (`next` returned nil).
    func supply(_ bytes: [UInt8]) {
        input = bytes
        inputStart = 0
    }

    /// Up to `outputChunk` decompressed bytes; nil when the compressed bytes
    /// given so far are used up.
    func next() throws -> [UInt8]? {
        guard ready else { throw Failure(offset: 0, reason: "zlib could not be set up") }
        if let failure { throw failure }
        while inputStart < input.count {
            if memberEnded { try startNextMember() }
            let (output, status) = inflateOnce()
            switch status {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END: memberEnded = true
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                let failure = Failure(offset: compressedOffset, reason: "the gzip data is corrupt (\(message))")
                // What was decompressed up to the damage is handed out first.
                guard output.isEmpty else {
                    self.failure = failure
                    return output
                }
                throw failure
            }
            if !output.isEmpty { return output }
        }
        return nil
    }

    /// The end of the file: it must end with a whole member.
    func finish() throws {
        guard memberEnded else {
            throw Failure(offset: compressedOffset, reason: "the gzip data ends early (the file was cut, or is still being written)")
        }
    }

    /// Only another member may follow one that ended.
    private func startNextMember() throws {
        guard input[inputStart] == 0x1F else {
            throw Failure(offset: compressedOffset, reason: "bytes after the end of the gzip data")
        }
        consumedBefore += Int(stream.total_in)
        inflateReset(&stream)
        memberEnded = false
    }

    /// One call of inflate over the unused input, into one output chunk.
    private func inflateOnce() -> (output: [UInt8], status: Int32) {
        var chunk = [UInt8](repeating: 0, count: Self.outputChunk)
        let before = Int(stream.total_in)
        var status = Z_OK
        let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
            chunk.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                stream.next_in = inputBuffer.baseAddress! + inputStart
                stream.avail_in = UInt32(inputBuffer.count - inputStart)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                status = inflate(&stream, Z_NO_FLUSH)
                stream.next_in = nil
                stream.next_out = nil
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        inputStart += Int(stream.total_in) - before
        chunk.removeLast(chunk.count - produced)
        // No progress at all (Z_BUF_ERROR with input left cannot happen, but never loop on it).
        if produced == 0 && Int(stream.total_in) == before && status != Z_STREAM_END { inputStart = input.count }
        return (chunk, status)
    }
}
