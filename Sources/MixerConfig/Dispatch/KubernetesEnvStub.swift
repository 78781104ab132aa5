// TEMPORARY: replaced by KubernetesEnv/ at merge.
import MixerDecode
public struct ClusterState: Sendable {
    public init() {}
    public static func load(yaml: String, file: String) -> (ClusterState, [ConfigProblem]) { (ClusterState(), []) }
    public func merging(_ other: ClusterState) -> ClusterState { self }
}
public struct KubernetesEnvInput { public var sourceUID: String; public var sourceIP: [UInt8]; public var destinationUID: String; public var destinationIP: [UInt8]; public var destinationPort: Int64 }
public enum KubernetesEnvAdapter {
    public static func generate(_ input: KubernetesEnvInput, cluster: ClusterState?, release: (major: Int, minor: Int)) -> [String: ExpressionValue] { [:] }
}
