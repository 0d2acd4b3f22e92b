import TensorBackend

/// A snapshot of an optimizer's state for a checkpoint: which optimizer, how many steps it has
/// taken, and its per-parameter tensors keyed "\(i).\(name)" for parameter position i (names as
/// in PyTorch's `state_dict()`: "momentum_buffer"; "step", "exp_avg", "exp_avg_sq").
/// A parameter that has not been updated yet has no entries. Writers should sort the keys.
public struct OptimizerState {
  /// The optimizer's kind, "sgd" or "adam"; importing into another kind fails.
  public var kind: String
  /// The number of `step()` calls.
  public var stepCount: Int
  /// Per-parameter state tensors.
  public var tensors: [String: Tensor]

  public init(kind: String, stepCount: Int, tensors: [String: Tensor]) {
    self.kind = kind
    self.stepCount = stepCount
    self.tensors = tensors
  }
}

extension OptimizerState {
  /// Splits the tensors by parameter position after checking that they fit: the kind matches,
  /// every key is "\(i).\(name)" with i in range and `name` one of `names`, each parameter has
  /// all of `names` or none, the names in `scalarNames` hold one value, and the others have the
  /// parameter's shape.
  func tensorsByParameter(
    kind expectedKind: String, names: Set<String>, scalarNames: Set<String> = [], parameters: [Parameter]
  ) throws(StateImportError) -> [[String: Tensor]] {
    guard kind == expectedKind else {
      throw StateImportError("optimizer state of kind \"\(kind)\" cannot be loaded into \"\(expectedKind)\"")
    }
    guard stepCount >= 0 else { throw StateImportError("negative step count \(stepCount)") }
    var result = [[String: Tensor]](repeating: [:], count: parameters.count)
    for (key, tensor) in tensors {
      let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
      guard parts.count == 2, let index = Int(parts[0]), parameters.indices.contains(index), names.contains(parts[1]) else {
        throw StateImportError("unexpected optimizer state tensor \"\(key)\" for \(parameters.count) parameters")
      }
      let name = parts[1]
      if scalarNames.contains(name) {
        guard tensor.scalarCount == 1 else { throw StateImportError("optimizer state \"\(key)\" must hold one value, has shape \(tensor.shape)") }
      } else if tensor.shape != parameters[index].shape {
        throw StateImportError("optimizer state \"\(key)\" has shape \(tensor.shape), parameter \(index) has shape \(parameters[index].shape)")
      }
      result[index][name] = tensor
    }
    for (index, entries) in result.enumerated() where !entries.isEmpty && entries.count != names.count {
      let missing = names.subtracting(entries.keys).sorted()
      throw StateImportError("optimizer state for parameter \(index) lacks \(missing)")
    }
    return result
  }

  /// Each parameter's own step count from its "\(i).step" entry of `tensorsByParameter` (0 for a
  /// parameter without state), checked to be a positive integer.
  static func parameterSteps(_ entries: [[String: Tensor]]) throws(StateImportError) -> [Int] {
    var steps = [Int](repeating: 0, count: entries.count)
    for (index, entry) in entries.enumerated() {
      guard let step = entry["step"]?.scalar else { continue }
      guard step >= 1, step == step.rounded(), step < 0x1p53 else {
        throw StateImportError("optimizer state \"\(index).step\" holds \(step), not a positive integer")
      }
      steps[index] = Int(step)
    }
    return steps
  }
}
