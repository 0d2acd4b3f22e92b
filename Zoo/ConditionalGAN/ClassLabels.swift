import NeuralNetworks
import TensorBackend

/// The class indices a conditional network reads from its condition.
///
/// The condition is a (N) or (N, 1) tensor of integral class indices in 0..<K, one per sample.
/// Without one (a runner drawing unconditional snapshots) sample i takes class i mod K, so any
/// batch shows every class in turn.
enum ClassLabels {
  static func read(_ condition: Tensor?, count: Int, classCount: Int, network: String) -> [Int] {
    guard let condition else { return (0..<count).map { $0 % classCount } }
    let labels = Embedding.labels(from: condition)
    precondition(labels.count == count, "\(network): \(labels.count) labels for \(count) samples")
    for label in labels {
      precondition(label >= 0 && label < classCount, "\(network): label \(label) outside the classes 0..<\(classCount)")
    }
    return labels
  }
}

extension ClassLabels {
  /// The labels a discriminator needs: it judges a sample against its class, so there is no
  /// default.
  static func required(_ condition: Tensor?, count: Int, classCount: Int, network: String) -> [Int] {
    precondition(condition != nil, "\(network): needs the class labels as condition, got none")
    return read(condition, count: count, classCount: classCount, network: network)
  }
}
