/// The bytes of one input as the decoders read them: a file or standard
/// input, decompressed on the way when it is gzip (told by its first two
/// bytes, not its name, so `0.log.20190520-081220.gz` and a gzipped paste on
/// standard input both work).
struct InputSource {
    enum Chunk {
        case bytes([UInt8])
        case end
        /// The file could not be read (exit status 2).
        case readError(String)
        /// The gzip data is damaged: what came before it was read (exit status 1).
        case corrupt(String)
    }

    private var file: InputFile
    private var inflater: GzipInflater?
    private var ended = false
    private(set) var isCompressed = false
    private var startedReading = false

    init(name: String) {
        file = InputFile(name: name)
    }

    var name: String { file.name }

    mutating func open() -> Bool { file.open() }

    mutating func close() { file.close() }

    /// For --follow: the file was truncated or replaced under its name.
    func wasReplacedOrTruncated() -> Bool { file.wasReplacedOrTruncated() }

    /// The next bytes: at most a chunk's worth read from the file, or of
    /// what they decompress to.
    mutating func read(_ count: Int) -> Chunk {
        guard !ended else { return .end }
        do {
            while true {
                if let inflater, let output = try inflater.next() { return .bytes(output) }
                guard let raw = readRaw(count) else { return .readError(InputFile.lastErrorDescription()) }
                guard let inflater else { return raw.isEmpty ? .end : .bytes(raw) }
                if raw.isEmpty {
                    ended = true
                    try inflater.finish()
                    return .end
                }
                inflater.supply(raw)
            }
        } catch let failure as GzipInflater.Failure {
            ended = true
            return .corrupt("\(failure.reason) at byte \(failure.offset) of the compressed file")
        } catch {
            ended = true
            return .corrupt("\(error)")
        }
    }

    /// Bytes from the file; the first read decides whether they are gzip
    /// (reading on until two bytes are there: a pipe may give one).
    private mutating func readRaw(_ count: Int) -> [UInt8]? {
        guard !startedReading else { return file.read(count) }
        startedReading = true
        guard var raw = file.read(count) else { return nil }
        while raw.count == 1, let more = file.read(count), !more.isEmpty { raw += more }
        if GzipInflater.isGzip(raw) {
            inflater = GzipInflater()
            isCompressed = true
        }
        return raw
    }
}
