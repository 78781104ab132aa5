/// The pod a container log belongs to, read from where the kubelet keeps it,
/// wherever the tree now is (a node's `/var/log`, or a copy of it):
///
///     <namespace>_<pod>_<uid>/<container>/<N>.log         /var/log/pods (Kubernetes 1.14+)
///     <namespace>_<pod>_<uid>/<container>/<N>.log.20190520-081220[.gz]   its rotations
///     <pod>_<namespace>_<container>-<64 hex digits>.log   /var/log/containers (symbolic links)
///
/// Namespace, pod and container names are DNS labels, which hold no `_`,
/// so the underscores split them without ambiguity.
public enum KubeletLogPath {
    /// The stream every line of the file at `path` belongs to; nil when the path is in no such layout.
    public static func stream(forPath path: String) -> LogStream? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let file = components.last else { return nil }
        if components.count >= 3, isPodsLogName(file) {
            let podDirectory = components[components.count - 3].split(separator: "_", omittingEmptySubsequences: false)
            let container = components[components.count - 2]
            if podDirectory.count == 3, !podDirectory.contains(where: \.isEmpty), !container.contains("_") {
                return LogStream(namespace: String(podDirectory[0]), pod: String(podDirectory[1]), container: String(container))
            }
        }
        return containersLink(file)
    }

    /// `N.log`, or a rotation of it: `N.log.<anything>`.
    private static func isPodsLogName(_ name: Substring) -> Bool {
        guard let dot = name.firstIndex(of: "."), dot > name.startIndex, name[..<dot].allSatisfy(\.isNumber) else {
            return false
        }
        let rest = name[dot...]
        return rest == ".log" || rest.hasPrefix(".log.")
    }

    /// `<pod>_<namespace>_<container>-<container id>.log`.
    private static func containersLink(_ name: Substring) -> LogStream? {
        guard name.hasSuffix(".log") else { return nil }
        let parts = name.dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, let dash = parts[2].lastIndex(of: "-") else { return nil }
        let id = parts[2][parts[2].index(after: dash)...]
        let container = parts[2][..<dash]
        guard id.count == 64, id.allSatisfy(\.isHexDigit), !container.isEmpty, !parts[0].isEmpty, !parts[1].isEmpty else {
            return nil
        }
        return LogStream(namespace: String(parts[1]), pod: String(parts[0]), container: String(container))
    }
}
