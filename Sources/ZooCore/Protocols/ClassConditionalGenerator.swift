import NeuralNetworks
import TensorBackend

/// A generator that draws the class its condition names: the condition is (N) class indices in
/// 0..<K. A variant that is conditional only when configured so (LAPGAN's `conditional=true`, the
/// paper's CC-LAPGAN) says so through its generator: the run then draws grids with a row per
/// class and the classifier judges each sample against the class asked for, as for a variant
/// that always needs labels (`ZooVariant.needsLabels`).
public protocol ClassConditionalGenerator: Generator {
  /// K, the classes the generator draws.
  var classCount: Int { get }
}
