#if canImport(Glibc)
import Glibc
#endif
import MixerDecode

/// Reads one input for the command, chunk by chunk, every form as a
/// stream (`InputStreamDecoder`): memory stays flat whatever its size.
enum InputReader {
    static let chunkSize = 1 << 16

    /// How reading one input went.
    struct Outcome {
        /// Why the input could not be read (exit status 2); nil when it could.
        var readError: String?
        /// Why the (gzip) data is damaged after some point (exit status 1).
        var corruption: String?
        /// Dumps ended early because too many streams had one in flight.
        var dumpsCutForRoom = 0
        /// Requests the input yielded.
        var requests = 0
    }

    /// How to read one input.
    struct Settings {
        var decoding: InputStreamDecoder.Settings
        var follow: Bool
    }

    /// Feeds the input to the library's pipeline chunk by chunk; with
    /// --follow, on as the file grows. Files found in a directory are logs
    /// named after the pod their path names (kubelet layout); others are
    /// told by their bytes.
    /// `found` is given each request before it is decoded; `waiting` is
    /// called (--follow) before waiting for the file to grow.
    static func decode(
        _ input: InputList.Input, settings: Settings, found: (PendingRequest) -> Void, waiting: () -> Void
    ) -> Outcome {
        var source = InputSource(name: input.path)
        guard source.open() else { return Outcome(readError: InputFile.lastErrorDescription()) }
        defer { source.close() }
        var decoding = settings.decoding
        if input.foundInDirectory {
            decoding.inputKind = .log
            decoding.reportsLogWithoutDumps = false
        }
        decoding.defaultStream = input.stream
        var decoder = InputStreamDecoder(inputName: input.path, settings: decoding)
        if settings.follow { Signals.makeStoppable() }
        var outcome = Outcome()
        reading: while outcome.corruption == nil {
            switch source.read(chunkSize) {
            case .bytes(let chunk):
                decoder.find(in: chunk[...], found: found)
            case .end:
                // With --follow, the end of a log is only where it is now.
                decoder.findNow(found: found)
                guard settings.follow, decoder.inputKind == .log else { break reading }
                waiting()
                // tail -f: wait for more, and start over if the file was truncated or replaced.
                usleep(250_000)
                if source.wasReplacedOrTruncated() {
                    source.close()
                    source = InputSource(name: input.path)
                    guard source.open() else {
                        outcome.readError = InputFile.lastErrorDescription()
                        break reading
                    }
                }
            case .readError(let reason):
                // What was read is still decoded and reported before giving up.
                outcome.readError = reason
                break reading
            case .corrupt(let reason):
                outcome.corruption = reason
            }
        }
        decoder.findAtEnd(found: found)
        outcome.dumpsCutForRoom = decoder.dumpsCutForRoom
        outcome.requests = decoder.requestCount
        return outcome
    }
}

/// Signal handling for --follow, which only ends when it is stopped.
enum Signals {
    /// Unblocks SIGINT and SIGTERM and restores their default action: a
    /// parent (a test runner, a supervisor) may have blocked them, and the
    /// mask is inherited through exec.
    static func makeStoppable() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
