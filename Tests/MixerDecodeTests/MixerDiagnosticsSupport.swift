import MixerConfig
import MixerDecode

extension Diagnostics {
    /// What the command runs: the rules, then Mixer's configuration in force
    /// (each Report's own release and its bundled defaults) evaluated on each record.
    static let withMixer = Diagnostics.standard.evaluating(with: MixerEvaluator(ConfigurationsInForce(release: nil)))
}
