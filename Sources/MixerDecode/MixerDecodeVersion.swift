/// The version of mixerdecode, defined once: the command prints it
/// (`mixerdecode --version`), and analyzers built on the library can log it
/// beside what they decoded.
public enum MixerDecodeVersion {
    public static let current = "0.10.0"
}
