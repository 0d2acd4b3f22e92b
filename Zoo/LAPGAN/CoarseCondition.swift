import NeuralNetworks
import TensorBackend

/// What conditions a finer level's two networks: the upsampled coarser image lₖ (N, C, S, S), and
/// for CC-LAPGAN the class, as one more plane (N, 1, S, S) holding each sample's class index in
/// every pixel. Packed into one tensor, (N, C, S, S) or (N, C + 1, S, S), because the adversarial
/// loop hands a batch's condition to both networks as it is.
enum CoarseCondition {
  /// lₖ, with `labels` (N class indices) as a last plane when given.
  static func make(coarse: Tensor, labels: Tensor?) -> Tensor {
    guard let labels else { return coarse }
    let n = coarse.shape[0]
    let plane = labels.converted(to: coarse.dtype).reshaped(to: [n, 1, 1, 1]).broadcast(to: [n, 1, coarse.shape[2], coarse.shape[3]])
    return Tensor.concatenate([coarse, plane], alongAxis: 1)
  }

  /// lₖ (N, C, S, S) and, when `classCount` is given, the class indices (N) read off the last
  /// plane; `network` names the reader in a failed precondition.
  static func split(_ condition: Tensor?, channels: Int, classCount: Int?, side: Int, network: String) -> (coarse: Tensor, labels: [Int]?) {
    let planes = channels + (classCount == nil ? 0 : 1)
    guard let condition, condition.rank == 4, condition.shape[1] == planes, condition.shape[2] == side, condition.shape[3] == side else {
      preconditionFailure("\(network): needs the upsampled coarser image (N, \(planes), \(side), \(side)) as condition, got \(condition.map { "\($0.shape)" } ?? "none")")
    }
    guard let classCount else { return (condition, nil) }
    let n = condition.shape[0]
    let corner = condition.sliced(alongAxis: 1, channels..<planes).sliced(alongAxis: 2, 0..<1).sliced(alongAxis: 3, 0..<1)
    let labels = Embedding.labels(from: corner.reshaped(to: [n]))
    for label in labels {
      precondition(label >= 0 && label < classCount, "\(network): label \(label) outside the classes 0..<\(classCount)")
    }
    return (condition.sliced(alongAxis: 1, 0..<channels), labels)
  }

  /// Level 0's generator input: [e(y), z] (N, K + Z) for a class-conditional level, the labels
  /// read off `condition` or, without one, class i mod K for sample i; z alone otherwise.
  static func coarseInput(noise: Tensor, condition: Tensor?, labelEmbedding: Embedding?) -> Tensor {
    guard let labelEmbedding else { return noise }
    let n = noise.shape[0]
    let labels = condition.map(Embedding.labels(from:)) ?? (0..<n).map { $0 % labelEmbedding.classCount }
    precondition(labels.count == n, "lapgan level 0 generator: \(labels.count) labels for \(n) samples")
    return Tensor.concatenate([labelEmbedding(labels: labels), noise], alongAxis: 1)
  }
}
