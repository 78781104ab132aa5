import Dispatch
import Foundation
import Synchronization
import Testing
@testable import MixerDecode

/// `ParallelInputs`: whole inputs on several threads, their outputs given
/// in input order, and an input that is not being written yet holds no
/// more output than its bound.
/// A broken lane would wait for ever: the time limit makes that a failure.
@Suite(.timeLimit(.minutes(1))) struct ParallelInputsTests {
    /// Any request: these tests count outputs, not decodings.
    static let request: PendingRequest = {
        let bytes = [UInt8](try! Data(contentsOf: repositoryRoot.appendingPathComponent("Corpus/binary/report-1.1-http.bin")))
        var requests: [ResolvedRequest] = []
        InputDecoder().decode(bytes, inputName: "report-1.1-http.bin") { requests.append($0) }
        return PendingRequest(.made(requests[0]), at: nil)
    }()

    @Test func outputsComeInInputOrderWhateverFinishesFirst() {
        let inputs = ParallelInputs<Int>(jobs: 3) { { _ in 0 } }
        var written: [String] = []
        inputs.run(count: 7) { index, found in
            // Later inputs finish first: the first ones are the slowest.
            usleep(UInt32(7 - index) * 3_000)
            for _ in 0..<(index * 5) { found(Self.request) }
            return "input \(index) read"
        } size: { _ in 1 } emit: { _ in
            written.append("output")
        } finished: { index, outcome in
            written.append("\(outcome), \(index)")
        }
        var expected: [String] = []
        for index in 0..<7 { expected += Array(repeating: "output", count: index * 5) + ["input \(index) read, \(index)"] }
        #expect(written == expected)
    }

    /// Input 1 is read while input 0 is still being read: once it holds
    /// its bound of output, its thread waits; when input 0 is done, it goes
    /// on, and nothing is lost.
    @Test func anInputNotYetWrittenHoldsAtMostItsBound() {
        let bound = 10
        let inputs = ParallelInputs<Int>(jobs: 2, heldBytesPerInput: bound) { { _ in 0 } }
        let foundInSecond = Counter()
        var seenWhileFirstRead = -1
        var outputs = 0
        inputs.run(count: 2) { index, found in
            guard index == 0 else {
                for _ in 0..<50 {
                    foundInSecond.add()
                    found(Self.request)
                }
                return 50
            }
            // Wait until input 1's thread has stopped: its outputs fill the bound and one more waits to be put.
            let deadline = Date().addingTimeInterval(10)
            while foundInSecond.value < bound + 1 && Date() < deadline { usleep(1_000) }
            usleep(50_000)
            return foundInSecond.value
        } size: { _ in 1 } emit: { _ in
            outputs += 1
        } finished: { index, outcome in
            if index == 0 { seenWhileFirstRead = outcome }
        }
        #expect(seenWhileFirstRead == bound + 1)
        #expect(outputs == 50)
    }

    @Test func anOutputLargerThanTheBoundIsStillPut() {
        let inputs = ParallelInputs<Int>(jobs: 2, heldBytesPerInput: 10) { { _ in 0 } }
        var outputs = 0
        inputs.run(count: 3) { _, found in
            for _ in 0..<4 { found(Self.request) }
            return 0
        } size: { _ in 100 } emit: { _ in outputs += 1 } finished: { _, _ in }
        #expect(outputs == 12)
    }

    @Test func noInputsIsNoOutput() {
        let inputs = ParallelInputs<Int>(jobs: 4) { { _ in 0 } }
        var calls = 0
        inputs.run(count: 0) { _, _ in 0 } size: { _ in 0 } emit: { _ in calls += 1 } finished: { _, _ in calls += 1 }
        #expect(calls == 0)
    }
}

private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func add() { count.add(1, ordering: .relaxed) }
}
