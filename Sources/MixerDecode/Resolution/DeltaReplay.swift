/// Replays a delta batch as Mixer does (docs/protocol.md §4): record k is
/// record k-1 overlaid with what record k sends, by name, a later value
/// replacing an earlier one even across types, nothing ever deleted.
///
/// The accumulated set is kept by word id (a table indexed by id says where
/// each name is), and every record's full set is appended to `entries`,
/// marked with what it only carries over.
struct DeltaReplay {
    /// Every record's replayed set, one after the other.
    private(set) var entries: [ResolvedEntry] = []
    /// Set once the budget ran out: from then on records are shown as sent.
    var reportedOverflow = false
    private var accumulated: [ResolvedEntry] = []
    /// Per id: where the name is in `accumulated` (-1: not yet sent).
    private let accumulatedPosition: IdTable
    /// Per id: the record (1-based) that last sent it.
    private let sentBy: IdTable
    private var record: Int32 = 0
    /// Attributes the replay may still repeat: bounded, so that a small
    /// hostile batch cannot cost quadratic memory.
    private var budget: Int

    init(words: RequestWords, budget: Int) {
        accumulatedPosition = IdTable(words: words, initial: -1)
        sentBy = IdTable(words: words, initial: 0)
        self.budget = budget
    }

    /// Overlays `sent` (one record's own entries) and appends the record's
    /// full set; nil once the budget is spent (the record is then not
    /// replayed, and neither is any after it).
    mutating func add(_ sent: ArraySlice<ResolvedEntry>, entryCount: Int) -> Range<Int>? {
        record += 1
        guard budget >= 0, budget >= accumulated.count + entryCount else {
            budget = -1
            return nil
        }
        for entry in sent {
            let name = entry.name
            sentBy[name] = record
            let place = Int(accumulatedPosition[name])
            if place >= 0 {
                accumulated[place] = entry
            } else {
                accumulatedPosition[name] = Int32(accumulated.count)
                accumulated.append(entry)
            }
        }
        budget -= accumulated.count
        let start = entries.count
        for var entry in accumulated {
            entry.isCarriedOver = sentBy[entry.name] != record
            entries.append(entry)
        }
        return start..<entries.count
    }

    /// A record shown as sent, without replay.
    mutating func addAsSent(_ sent: ArraySlice<ResolvedEntry>) -> Range<Int> {
        let start = entries.count
        entries.append(contentsOf: sent)
        return start..<entries.count
    }
}
