/// Reverse-mode differentiation over the recorded graph.
extension Tensor {
  /// The gradients of `self` with respect to `inputs` (PyTorch's `torch.autograd.grad`).
  ///
  /// - Parameters:
  ///   - seed: the gradient of the final quantity with respect to `self`; defaults to ones, which
  ///     for a scalar `self` gives d self / d input.
  ///   - createGraph: record the backward computation so the result can be differentiated again
  ///     (gradient penalties). Off, the backward pass records nothing.
  /// - Returns: one gradient per input, zeros where `self` does not depend on it.
  public func gradients(wrt inputs: [Tensor], seed: Tensor? = nil, createGraph: Bool = false) -> [Tensor] {
    for input in inputs {
      precondition(input.node != nil, "gradients(wrt:): an input of shape \(input.shape) does not require a gradient; call requiringGradient() before using it")
    }
    let found = Tensor.backpropagate(from: self, seed: seed, createGraph: createGraph)
    return inputs.map { input in
      found.gradients[ObjectIdentifier(input.node!)] ?? Tensor.zeros(input.shape, dtype: input.dtype)
    }
  }

  /// Accumulates d self / d p into `p.gradient` for every parameter `p` that `self` depends on
  /// (PyTorch's `loss.backward()`). `self` must hold one element unless `seed` is given.
  public func backward(seed: Tensor? = nil) {
    precondition(seed != nil || scalarCount == 1, "backward(): the output has shape \(shape); pass a seed of that shape or reduce it to one element")
    let found = Tensor.backpropagate(from: self, seed: seed, createGraph: false)
    for leaf in found.leaves {
      if let parameter = leaf.parameter, let g = found.gradients[ObjectIdentifier(leaf)] {
        parameter.accumulate(g)
      }
    }
  }

  private static func backpropagate(
    from output: Tensor, seed: Tensor?, createGraph: Bool
  ) -> (gradients: [ObjectIdentifier: Tensor], leaves: [GradNode]) {
    guard let root = output.node else { return ([:], []) }
    if let seed {
      precondition(seed.shape == output.shape, "backward: seed shape \(seed.shape) does not match output shape \(output.shape)")
    }
    let order = topologicalOrder(from: root)
    var gradients: [ObjectIdentifier: Tensor] = [:]
    gradients[ObjectIdentifier(root)] = seed ?? Tensor.ones(output.shape, dtype: output.dtype)
    var leaves: [GradNode] = []
    GradientMode.$isRecording.withValue(createGraph) {
      for node in order.reversed() {
        let id = ObjectIdentifier(node)
        guard let rule = node.rule else {
          leaves.append(node)
          continue
        }
        guard let g = gradients.removeValue(forKey: id) else { continue }
        let inputGradients = rule(g)
        for (input, inputGradient) in zip(node.inputs, inputGradients) {
          guard let input, let inputGradient else { continue }
          let key = ObjectIdentifier(input)
          if let existing = gradients[key] {
            gradients[key] = existing + inputGradient
          } else {
            gradients[key] = inputGradient
          }
        }
      }
    }
    return (gradients, leaves)
  }

  /// Nodes in an order where every node comes after all the nodes it was computed from.
  private static func topologicalOrder(from root: GradNode) -> [GradNode] {
    var order: [GradNode] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(GradNode, Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while let (node, next) = stack.popLast() {
      if next < node.inputs.count {
        stack.append((node, next + 1))
        if let child = node.inputs[next], visited.insert(ObjectIdentifier(child)).inserted {
          stack.append((child, 0))
        }
      } else {
        order.append(node)
      }
    }
    return order
  }
}
