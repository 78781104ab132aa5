import Dispatch
import Synchronization

/// Reads, decodes and renders whole inputs on `jobs` threads at once, and
/// gives their outputs in input order: the first input's as they come,
/// each later one's once the inputs before it are done.
///
///     let inputs = ParallelInputs<String>(jobs: 4) { { TextRenderer().render($0.decoded()) } }
///     inputs.run(count: files.count, read: { index, found in read(files[index], found) },
///                size: \.utf8.count, emit: { print($0, terminator: "") }, finished: { _, _ in })
///
/// Where ``ParallelDecoding`` leaves reading to one thread, this reads
/// each input on the thread that decodes it: for many inputs (a kubelet
/// log tree, several captures) reading runs on every core too.
///
/// Memory stays bounded: an input that is not yet being written holds at
/// most `heldBytesPerInput` of output (or one output larger); past that,
/// its thread waits for its turn. Kubelet rotates a container's log at
/// 10 MiB (`containerLogMaxSize`), so the files of a log tree are worked
/// on whole, in parallel.
public struct ParallelInputs<Output: Sendable> {
    /// Threads that work on inputs at once.
    public let jobs: Int
    /// The output an input that is not being written yet may hold (by default).
    public static var heldBytesPerInput: Int { 16 << 20 }
    /// The output each input may hold here.
    public let heldBytes: Int

    /// One closure per worker: worker `i` calls `works[i]` for every request it reads.
    private let works: [@Sendable (PendingRequest) -> Output]

    /// `makeWork` makes, once per worker, the closure that turns one
    /// request into its output; each runs on one thread at a time.
    public init(jobs: Int, heldBytesPerInput: Int = Self.heldBytesPerInput, makeWork: () -> @Sendable (PendingRequest) -> Output) {
        self.jobs = max(1, jobs)
        self.heldBytes = heldBytesPerInput
        self.works = (0..<max(1, jobs)).map { _ in makeWork() }
    }

    /// Works on inputs `0..<count`: `read` reads input `index` (on a worker
    /// thread), giving `found` each request it finds, and says how reading
    /// went. On the calling thread, in input order: `emit` gets each
    /// output, and `finished` each input's outcome after its outputs.
    /// `size` tells how many bytes an output holds.
    public func run<Outcome: Sendable>(
        count: Int,
        read: @escaping @Sendable (_ index: Int, _ found: (PendingRequest) -> Void) -> Outcome,
        size: @escaping @Sendable (Output) -> Int,
        emit: (Output) -> Void,
        finished: (_ index: Int, Outcome) -> Void
    ) {
        let lanes = (0..<count).map { _ in InputLane<Output, Outcome>(heldBytes: heldBytes) }
        let next = NextInput()
        let group = DispatchGroup()
        for work in works.prefix(count) {
            DispatchQueue.global().async(group: group) {
                // Inputs are taken in order, so the one being written is always being read.
                while let index = next.take(below: count) {
                    let outcome = read(index) { pending in
                        let output = work(pending)
                        lanes[index].put(output, bytes: size(output))
                    }
                    lanes[index].finish(outcome)
                }
            }
        }
        for (index, lane) in lanes.enumerated() {
            writing: while true {
                switch lane.take() {
                case .output(let output): emit(output)
                case .finished(let outcome):
                    finished(index, outcome)
                    break writing
                }
            }
        }
        group.wait()
    }
}

/// The next input a worker takes.
private final class NextInput: Sendable {
    private let counter = Atomic<Int>(0)

    func take(below count: Int) -> Int? {
        let index = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}

/// One input's outputs on their way from its worker to the writer.
private final class InputLane<Output: Sendable, Outcome: Sendable>: Sendable {
    enum Item {
        case output(Output)
        case finished(Outcome)
    }

    private struct State {
        /// Outputs and their sizes; taken ones are nil (their places are
        /// dropped now and then).
        var queue: [(output: Output?, bytes: Int)] = []
        /// The next output to take.
        var head = 0
        var heldBytes = 0
        var outcome: Outcome?
        /// The worker waits for the writer to take some output.
        var workerWaits = false
    }

    private let state = Mutex(State())
    /// Signalled once for every output put and once when the input is done.
    private let itemPut = DispatchSemaphore(value: 0)
    /// Signalled when the writer took an output the waiting worker needs room for.
    private let roomMade = DispatchSemaphore(value: 0)
    private let limit: Int

    init(heldBytes: Int) {
        limit = heldBytes
    }

    /// Queues an output; waits while the lane is full (it always takes one).
    func put(_ output: Output, bytes: Int) {
        while true {
            let mustWait = state.withLock { state in
                guard state.heldBytes + bytes <= limit || state.head == state.queue.count else {
                    state.workerWaits = true
                    return true
                }
                state.queue.append((output, bytes))
                state.heldBytes += bytes
                return false
            }
            guard mustWait else { break }
            roomMade.wait()
        }
        itemPut.signal()
    }

    func finish(_ outcome: Outcome) {
        state.withLock { $0.outcome = outcome }
        itemPut.signal()
    }

    /// The next output, waiting for it; once all are taken, the outcome.
    func take() -> Item {
        itemPut.wait()
        let (item, wakeWorker) = state.withLock { state -> (Item, Bool) in
            // Outputs are put before the outcome, and each was signalled.
            guard state.head < state.queue.count else { return (.finished(state.outcome!), false) }
            let output = state.queue[state.head].output.take()!
            state.heldBytes -= state.queue[state.head].bytes
            state.head += 1
            if state.head == state.queue.count || state.head >= 1024 {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            let wake = state.workerWaits
            state.workerWaits = false
            return (.output(output), wake)
        }
        if wakeWorker { roomMade.signal() }
        return item
    }
}
