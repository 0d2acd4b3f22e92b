import Datasets
import TensorBackend
import ZooCore

/// The datasets `--dataset` can name, and the adapters that serve them to the trainer.
enum DataCatalog {
  /// Every dataset name, for listings and suggestions.
  static var names: [String] { GaussianMixture.Preset.allCases.map(\.rawValue) }

  /// One-line descriptions, for `zoo list`.
  static var summaries: [(name: String, summary: String)] {
    GaussianMixture.Preset.allCases.map { ($0.rawValue, $0.summary) }
  }

  /// The mixture behind a point dataset, for its evaluation protocol.
  static func mixture(named name: String) -> GaussianMixture? {
    GaussianMixture.Preset(rawValue: name)?.mixture
  }

  static func source(named name: String) throws -> any BatchSource {
    if let preset = GaussianMixture.Preset(rawValue: name) {
      return MixtureSource(mixture: preset.mixture)
    }
    throw UsageError(unknown: name, kind: "dataset", valid: names)
  }
}

/// Points from a Gaussian mixture, drawn afresh for every batch (there are no epochs).
struct MixtureSource: BatchSource {
  let mixture: GaussianMixture

  var description: DataDescription {
    DataDescription(kind: .points, sampleShape: [mixture.dimension])
  }

  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    Batch(samples: mixture.sample(count: size, using: &generator))
  }
}
