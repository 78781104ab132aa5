import Dispatch

/// Keeps results alive so the optimizer cannot drop the work.
@inline(never) func consume(_ value: Int) { sink &+= value }
nonisolated(unsafe) var sink = 0

/// Best of 5 rounds of at least 0.3 s each: seconds per pass over `inputs`.
func measure<Input>(_ inputs: [Input], _ body: (Input) -> Int) -> Double {
    var best = Double.infinity
    for _ in 0..<5 {
        var passes = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed: UInt64 = 0
        repeat {
            for input in inputs { consume(body(input)) }
            passes += 1
            elapsed = DispatchTime.now().uptimeNanoseconds - start
        } while elapsed < 300_000_000
        best = min(best, Double(elapsed) / 1e9 / Double(passes))
    }
    return best
}

/// One line of the table: a method on a workload.
struct Row {
    var workload: String
    var method: String
    var megabytes: Double
    /// Map entries on the wire in the input: the unit of work.
    var entries: Int
    var seconds: Double
    var mbPerSecond: Double { megabytes / seconds }
    var nsPerEntry: Double { seconds * 1e9 / Double(entries) }
}
