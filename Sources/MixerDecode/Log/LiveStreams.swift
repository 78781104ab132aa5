/// The streams that hold something (a dump in flight, or a split line),
/// at most `capacity` of them, least recently used first out.
///
/// A lane is taken out while its line is read and put back only if it is
/// still busy, so an idle stream costs nothing here. When putting a lane
/// back would exceed the capacity, the least recently used one is handed
/// back to the caller, who ends its dump; that bounds memory by
/// `capacity` dumps whatever the number of streams in the input.
/// Every operation is O(1): a doubly linked list threaded through an array.
struct LiveStreams {
    let capacity: Int
    private var slotOf: [LogStream: Int] = [:]
    private var slots: [Slot] = []
    private var freeSlots: [Int] = []
    /// Ends of the list of used slots: `newest` was used last.
    private var newest = -1
    private var oldest = -1

    private struct Slot {
        /// nil in a free slot (an empty `LogStream` would be allocated for every line).
        var stream: LogStream?
        var lane: StreamLane?
        var older = -1
        var newer = -1
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { slotOf.count }

    /// The stream's lane, taken out (nil when the stream holds nothing).
    mutating func take(_ stream: LogStream) -> StreamLane? {
        guard let slot = slotOf.removeValue(forKey: stream) else { return nil }
        unlink(slot)
        let lane = slots[slot].lane
        slots[slot] = Slot()
        freeSlots.append(slot)
        return lane
    }

    /// Runs `body` on the stream's lane (a new one from `makeLane` when the
    /// stream holds nothing) where it lies, then keeps the lane as the most
    /// recently used if it is busy, or drops it: `take`, then `put` if
    /// busy, without moving the lane out and back (each line of an
    /// interleaved log does this). Returns what `body` returned, and the
    /// stream and lane evicted to make room, if one was.
    mutating func update<Result>(
        _ stream: LogStream, makeLane: () -> StreamLane, _ body: (inout StreamLane) -> Result
    ) -> (result: Result, evicted: (stream: LogStream, lane: StreamLane)?) {
        guard let slot = slotOf[stream] else {
            var lane = makeLane()
            let result = body(&lane)
            return (result, lane.isBusy ? put(stream, lane) : nil)
        }
        let result = body(&slots[slot].lane!)
        unlink(slot)
        if slots[slot].lane!.isBusy {
            // The most recently used now.
            slots[slot].older = newest
            slots[slot].newer = -1
            if newest >= 0 { slots[newest].newer = slot }
            newest = slot
            if oldest < 0 { oldest = slot }
        } else {
            slotOf[stream] = nil
            slots[slot] = Slot()
            freeSlots.append(slot)
        }
        return (result, nil)
    }

    /// Puts a busy lane back as the most recently used; returns the least
    /// recently used stream and its lane when that makes one too many.
    mutating func put(_ stream: LogStream, _ lane: StreamLane) -> (stream: LogStream, lane: StreamLane)? {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = slots.count
            slots.append(Slot())
        }
        slots[slot] = Slot(stream: stream, lane: lane, older: newest, newer: -1)
        if newest >= 0 { slots[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
        slotOf[stream] = slot
        guard slotOf.count > capacity else { return nil }
        let evicted = slots[oldest].stream!
        return take(evicted).map { (evicted, $0) }
    }

    /// Every lane, least recently used first, leaving the table empty.
    mutating func removeAll() -> [(stream: LogStream, lane: StreamLane)] {
        var all: [(stream: LogStream, lane: StreamLane)] = []
        while oldest >= 0 {
            guard let stream = slots[oldest].stream, let lane = take(stream) else { break }
            all.append((stream, lane))
        }
        slots = []
        freeSlots = []
        return all
    }

    private mutating func unlink(_ slot: Int) {
        let (older, newer) = (slots[slot].older, slots[slot].newer)
        if older >= 0 { slots[older].newer = newer } else { oldest = newer }
        if newer >= 0 { slots[newer].older = older } else { newest = older }
    }
}
