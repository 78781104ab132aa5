import Dispatch
import Synchronization

/// Decodes pending requests on `jobs` threads and gives what each becomes,
/// in input order. Reading an input is sequential (`InputStreamDecoder`
/// finds its requests one after another); decoding, diagnosing and
/// rendering a request depend on nothing else, so they run in parallel.
///
///     var parallel = ParallelDecoding(jobs: 4) { { TextRenderer().render($0.decoded()) } }
///     decoder.find(in: chunk) { parallel.add($0) { print($0, terminator: "") } }
///     parallel.flush { print($0, terminator: "") }
///
/// Requests are gathered in batches (up to `batchInputBytes` of input or
/// `batchRequests` requests); while one batch is worked on, the caller
/// reads the next and is given the outputs of the one before. Memory holds
/// at most two batches and their outputs, whatever the input's size. With
/// one job, nothing is gathered: each request is worked on as it is added.
///
/// Each worker has its own `work` closure, made by `makeWork` once per
/// worker: state it holds (diagnostics with their own copy of Mixer's
/// configuration) is never shared between threads.
public struct ParallelDecoding<Output: Sendable> {
    /// Threads that work on a batch at once.
    public let jobs: Int
    /// A batch is started once it holds this much input (`PendingRequest.inputBytes`) ...
    public static var batchInputBytes: Int { 1 << 20 }
    /// ... or this many requests.
    public static var batchRequests: Int { 256 }

    /// One closure per worker; worker `i` of every batch calls `works[i]`.
    private let works: [@Sendable (PendingRequest) -> Output]
    private var filling: [PendingRequest] = []
    private var fillingBytes = 0
    private var running: Batch<Output>?

    /// `makeWork` makes, once per worker, the closure that turns one
    /// request into its output; each runs on one thread at a time.
    public init(jobs: Int, makeWork: () -> @Sendable (PendingRequest) -> Output) {
        self.jobs = max(1, jobs)
        self.works = (0..<max(1, jobs)).map { _ in makeWork() }
    }

    /// Adds the next request of the input; may give the outputs of earlier ones.
    public mutating func add(_ pending: PendingRequest, emit: (Output) -> Void) {
        guard jobs > 1 else {
            emit(works[0](pending))
            return
        }
        filling.append(pending)
        fillingBytes += pending.inputBytes
        if filling.count >= Self.batchRequests || fillingBytes >= Self.batchInputBytes { startFilled(emit: emit) }
    }

    /// Gives the outputs of every request added so far: at the end of the
    /// input, or before waiting for more of it (a log being followed).
    public mutating func flush(emit: (Output) -> Void) {
        startFilled(emit: emit)
        if let last = running.take() { last.wait().forEach(emit) }
    }

    /// Starts the batch being filled once the one before it is done (its
    /// workers' closures are free again), then gives that one's outputs,
    /// written while the new batch is worked on.
    private mutating func startFilled(emit: (Output) -> Void) {
        guard !filling.isEmpty else { return }
        let previous = running.take()?.wait()
        running = Batch(filling, works: works)
        filling = []
        fillingBytes = 0
        previous?.forEach(emit)
    }
}

/// One batch being worked on: `jobs` workers take its requests in turn
/// and put each output in that request's place.
private final class Batch<Output: Sendable>: Sendable {
    private let outputs: Mutex<[Output?]>
    private let nextRequest = Atomic<Int>(0)
    private let group = DispatchGroup()

    init(_ requests: [PendingRequest], works: [@Sendable (PendingRequest) -> Output]) {
        outputs = Mutex([Output?](repeating: nil, count: requests.count))
        for work in works.prefix(requests.count) {
            DispatchQueue.global().async(group: group) { [self] in
                while true {
                    let index = nextRequest.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < requests.count else { return }
                    let output = work(requests[index])
                    outputs.withLock { $0[index] = output }
                }
            }
        }
    }

    /// The outputs in input order, once every worker is done.
    func wait() -> [Output] {
        group.wait()
        return outputs.withLock { $0.map { $0! } }
    }
}
