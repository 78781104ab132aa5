#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The protobuf map rule, in one place: one entry per key (the last one
/// sent), ordered by key. Sorting the positions with the entries' order as
/// tie-break does it without a dictionary.
package enum LastPerKey {
    /// `entries` reduced to the last entry of each key, ordered by `less`
    /// (which compares keys).
    @inlinable
    package static func sorted<Entry>(_ entries: [Entry], by less: (Entry, Entry) -> Bool) -> [Entry] {
        guard entries.count > 1 else { return entries }
        // Already strictly ascending (no repeated key): nothing to do. One
        // pass, and senders often write maps in key order.
        if zip(entries, entries.dropFirst()).allSatisfy({ less($0, $1) }) { return entries }
        let order = entries.indices.sorted { a, b in
            less(entries[a], entries[b]) || (!less(entries[b], entries[a]) && a < b)
        }
        var out: [Entry] = []
        out.reserveCapacity(entries.count)
        for (position, index) in order.enumerated()
        where position + 1 == order.count || less(entries[index], entries[order[position + 1]]) {
            out.append(entries[index])
        }
        return out
    }

    /// String keys in byte order, as C++ protobuf sorts map keys (and as the
    /// Unicode code points of UTF-8 text sort).
    @inlinable @inline(__always)
    package static func bytewise(_ left: String, _ right: String) -> Bool {
        compareBytes(left, right) < 0
    }

    /// Byte order of two texts: negative, zero (same bytes) or positive.
    /// Contiguous UTF-8 (native Strings already are): one memcmp, not a
    /// generic walk over two UTF-8 views.
    @inlinable @inline(__always)
    package static func compareBytes(_ left: String, _ right: String) -> Int {
        var left = left
        var right = right
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = min(a.count, b.count)
                // Safe: with common > 0 both buffers are non-empty (so have a
                // base address), and memcmp reads `common` bytes of each.
                let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
                return order != 0 ? order : a.count - b.count
            }
        }
    }
}
