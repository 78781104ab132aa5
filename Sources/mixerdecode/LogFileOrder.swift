/// Log files in the order they were written, so that a node's tree reads
/// as its history: per container directory, restart by restart (`0.log`,
/// then `1.log`, ..., `10.log`), each one's rotations oldest first, then the
/// live file:
///
///     0.log.20190520-081220.gz, 0.log.20190520-091500, 0.log, 1.log
///
/// Rotations named by a time sort by it; logrotate's numbered ones
/// (`x.log.2`, `x.log.1`) run the other way, the highest being the oldest.
enum LogFileOrder {
    static func sorted(_ paths: [String]) -> [String] {
        paths.map { (path: $0, key: Key($0)) }.sorted { $0.key < $1.key }.map(\.path)
    }

    private struct Key: Comparable {
        var directory: String
        /// The live file's name (`0.log`), and its leading number if it has one (restarts).
        var base: String
        var restart: Int?
        /// 0 for rotations named by time, 1 for numbered ones, 2 for the live file.
        var generationKind: Int
        var rotation: String
        var rotationNumber: Int

        init(_ path: String) {
            let slash = path.lastIndex(of: "/")
            directory = slash.map { String(path[..<$0]) } ?? ""
            var name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            if name.hasSuffix(".gz") { name.removeLast(3) }
            let logEnd = name.range(of: ".log.")?.lowerBound
            base = logEnd.map { String(name[..<$0]) + ".log" } ?? name
            rotation = logEnd.map { String(name[name.index($0, offsetBy: 5)...]) } ?? ""
            restart = base.hasSuffix(".log") ? Int(base.dropLast(4)) : nil
            if rotation.isEmpty {
                (generationKind, rotationNumber) = (2, 0)
            } else if let number = Int(rotation), rotation.count <= 4 {
                (generationKind, rotationNumber) = (1, -number)
            } else {
                (generationKind, rotationNumber) = (0, 0)
            }
        }

        static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.directory != rhs.directory { return lhs.directory < rhs.directory }
            if lhs.base != rhs.base {
                if let left = lhs.restart, let right = rhs.restart, left != right { return left < right }
                return lhs.base < rhs.base
            }
            return (lhs.generationKind, lhs.rotationNumber, lhs.rotation) < (rhs.generationKind, rhs.rotationNumber, rhs.rotation)
        }
    }
}
