import Foundation
import MixerDecode

/// The inputs the command line names, expanded:
///
/// - a directory: every log file under it (`*.log` and its rotations,
///   `*.log.20190520-081220` and `*.log.*.gz`), recursively, in the order
///   they were written (`LogFileOrder`); `mixerdecode /var/log/pods` reads a node;
/// - a glob the shell did not expand (quoted, or from a script): expanded here;
/// - anything else: read as it is, `-` being standard input.
///
/// Each input carries the pod its kubelet path names, if any.
struct InputList {
    struct Input {
        var path: String
        /// Found by walking a directory rather than named: read as a log, and
        /// quiet when it holds no dump (most containers of a node have none).
        var foundInDirectory = false
        /// The pod its path names (`KubeletLogPath`), for lines that name none.
        var stream: LogStream?
    }

    /// A directory that was walked, and how many log files it gave.
    struct Walk {
        var directory: String
        var files: Int
    }

    private(set) var inputs: [Input] = []
    /// Arguments that name nothing readable, with why.
    private(set) var problems: [String] = []
    private(set) var walks: [Walk] = []
    /// Files already listed, by their real path (a node's /var/log/containers links into /var/log/pods).
    private var seen: Set<String> = []

    init(arguments: [String]) {
        for argument in arguments.isEmpty ? ["-"] : arguments {
            add(argument)
        }
    }

    private mutating func add(_ argument: String) {
        var isDirectory: ObjCBool = false
        if argument != "-" && !FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
            && argument.contains(where: { "*?[".contains($0) })
        {
            let matches = Glob.expand(argument)
            if matches.isEmpty { problems.append("\(argument): no file matches") }
            for match in matches { add(match) }
            return
        }
        if isDirectory.boolValue {
            let files = LogFileOrder.sorted(LogTreeWalk.logFiles(under: argument))
            walks.append(Walk(directory: argument, files: files.count))
            if files.isEmpty { problems.append("\(argument): no log file (*.log, *.log.*) under it") }
            for file in files where seen.insert(realPath(file)).inserted {
                inputs.append(Input(path: file, foundInDirectory: true, stream: KubeletLogPath.stream(forPath: file)))
            }
            return
        }
        if argument != "-" { seen.insert(realPath(argument)) }
        inputs.append(Input(path: argument, stream: argument == "-" ? nil : KubeletLogPath.stream(forPath: argument)))
    }

    private func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}

/// Log files under a directory, found recursively. Links to files are
/// followed (a node's /var/log/containers is made of them); links to
/// directories are not, so that a loop of links cannot trap the walk.
enum LogTreeWalk {
    static func logFiles(under directory: String) -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
        var files: [String] = []
        for name in names.sorted() {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            var targetIsDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: path, isDirectory: &targetIsDirectory)
            if type == .typeDirectory {
                files += logFiles(under: path)
            } else if exists && !targetIsDirectory.boolValue && isLogName(name) {
                files.append(path)
            }
        }
        return files
    }

    /// `0.log`, `istio.log`, and rotations: `0.log.20190520-081220`, `0.log.20190520-081220.gz`, `x-json.log.1`.
    static func isLogName(_ name: String) -> Bool {
        name.hasSuffix(".log") || name.contains(".log.")
    }
}

/// Paths matching a shell pattern (`*`, `?`, `[...]` in any component), through glob(3).
enum Glob {
    static func expand(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { index in
            matches.gl_pathv[index].map { String(cString: $0) }
        }
    }
}
