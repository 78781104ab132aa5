import MixerDecode

/// The series Mixer's Prometheus adapter holds: counters and histograms
/// summed over every record dispatched, and each update with the record's
/// time, so that the series can also be written as they grew.
public struct SeriesStore: Sendable {
    public enum Kind: String, Sendable { case counter, gauge, histogram }

    public struct Series: Sendable {
        public var kind: Kind
        /// Counter total, gauge value, histogram sum.
        public var value: Double = 0
        /// Histogram observations.
        public var count: UInt64 = 0
        /// Histogram upper bounds and how many observations each holds
        /// (cumulative, as Prometheus exposes them).
        public var bounds: [Double] = []
        public var bucketCounts: [UInt64] = []
        /// Every update: the record's time (nil when it had none) and amount.
        public var updates: [(time: ProtoTimestamp?, amount: Double)] = []
        public var help: String
    }

    public private(set) var series: [SeriesKey: Series] = [:]

    public init() {}

    /// All series, by metric name then labels.
    public var sortedKeys: [SeriesKey] { series.keys.sorted() }

    mutating func add(_ key: SeriesKey, metric: PrometheusMetric, amount: Double, time: ProtoTimestamp?) {
        // In place: a copy would copy `updates` on every record.
        series[key, default: Self.empty(metric)].record(amount, at: time)
    }

    private static func empty(_ metric: PrometheusMetric) -> Series {
        // `newCounterVec` and the others: the help is the description, else the name.
        let help = metric.description.isEmpty ? metric.name : metric.description
        switch metric.kind {
        case .counter: return Series(kind: .counter, help: help)
        case .gauge: return Series(kind: .gauge, help: help)
        case .distribution:
            return Series(kind: .histogram, bounds: metric.buckets, bucketCounts: Array(repeating: 0, count: metric.buckets.count), help: help)
        }
    }
}

extension SeriesStore.Series {
    /// One update at `time`: applied, and kept for the timeline.
    mutating func record(_ amount: Double, at time: ProtoTimestamp?) {
        apply(amount)
        updates.append((time, amount))
    }

    /// `Add`, `Set` or `Observe`.
    mutating func apply(_ amount: Double) {
        switch kind {
        case .counter: value += amount
        case .gauge: value = amount
        case .histogram:
            value += amount
            count += 1
            // An observation counts in every bucket whose bound is at least it.
            for (index, bound) in bounds.enumerated() where amount <= bound { bucketCounts[index] += 1 }
        }
    }

    /// The series as it stood after each moment it moved, oldest first:
    /// updates sorted by time, those of one millisecond merged (a TSDB keeps
    /// one sample per millisecond). Updates without a time are left out.
    public func timeline() -> [(milliseconds: Int64, state: SeriesStore.Series)] {
        let timed = updates.compactMap { update in update.time.map { (Self.milliseconds($0), update.amount) } }
            .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        var state = SeriesStore.Series(kind: kind, bounds: bounds, bucketCounts: Array(repeating: 0, count: bounds.count), help: help)
        var points: [(Int64, SeriesStore.Series)] = []
        for (index, (time, amount)) in timed.enumerated() {
            state.apply(amount)
            if index + 1 == timed.count || timed[index + 1].0 != time { points.append((time, state)) }
        }
        return points
    }

    static func milliseconds(_ time: ProtoTimestamp) -> Int64 {
        time.seconds &* 1000 &+ Int64(time.nanos / 1_000_000)
    }
}
