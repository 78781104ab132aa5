/// The forms binary Mixer messages arrive in.
public enum InputKind: String, CaseIterable, Sendable {
    /// One protobuf message, as is.
    case raw
    /// gRPC length-prefixed messages, one after the other (a capture of
    /// `/istio.mixer.v1.Mixer/Report` bodies): 1 flag byte, 4-byte big-endian length.
    case grpc
    /// Base64 text of raw or framed bytes; blank lines separate messages.
    case base64
    /// Hexadecimal text of raw or framed bytes; blank lines separate messages.
    case hex
    /// Envoy debug logs (any release's layout, any wrapper): the Mixer dumps in them.
    case log
}
