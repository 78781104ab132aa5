/// A table of one `Int32` per word id of a request (`RequestWords.idCount`),
/// for the bookkeeping of resolution: written for nearly every entry, so it
/// is a class over plain memory, free of `Array`'s copy-on-write check (a
/// runtime call per write inside a mutating method).
///
/// Every id resolution hands out is below `idCount` by construction (global
/// ids below the dictionary's size, message ids below it plus the number of
/// message words of the request's one storage, which `Resolver` checks all
/// its records share), so the accesses below stay inside the allocation.
final class IdTable {
    private let values: UnsafeMutableBufferPointer<Int32>

    init(words: RequestWords, initial: Int32) {
        values = .allocate(capacity: words.idCount)
        values.initialize(repeating: initial)
    }

    deinit { values.deallocate() }

    subscript(id: Int32) -> Int32 {
        @inline(__always) get {
            // Safe: ids are below idCount, the table's size (see above).
            values[Int(id)]
        }
        @inline(__always) set {
            // Safe: as for get.
            values[Int(id)] = newValue
        }
    }
}
