/// A vertex of the autodiff graph: the op that made a tensor, the nodes of its operands, and the
/// rule that maps the gradient of the op's output to gradients of its operands.
///
/// Backward rules are written with differentiable tensor ops, as PyTorch's are, so the gradient
/// computation can itself be recorded (`createGraph: true`) and differentiated again; that is what
/// the gradient-penalty objectives need. A leaf (a parameter, or an input marked with
/// `requiringGradient()`) has no rule.
final class GradNode {
  /// The op's name, for error messages.
  let op: String
  let inputs: [GradNode?]
  /// Gradient of the output -> gradient of each input (`nil` where an input needs none).
  let rule: ((Tensor) -> [Tensor?])?
  /// Set on the leaf node of a parameter: where `backward()` accumulates its gradient.
  weak var parameter: Parameter?

  init(op: String, inputs: [GradNode?], rule: ((Tensor) -> [Tensor?])?) {
    self.op = op
    self.inputs = inputs
    self.rule = rule
  }

  /// A leaf with no rule.
  static func leaf() -> GradNode { GradNode(op: "leaf", inputs: [], rule: nil) }
}

/// Whether ops record the autodiff graph. On by default; `withoutGradient` turns it off for a
/// scope (inference, optimizer updates, and the backward pass itself unless `createGraph`).
public enum GradientMode {
  @TaskLocal static var isRecording = true

  /// Whether ops executed now record gradients.
  public static var isEnabled: Bool { isRecording }
}

/// Runs `body` without recording the autodiff graph (PyTorch's `torch.no_grad()`).
public func withoutGradient<R>(_ body: () throws -> R) rethrows -> R {
  try GradientMode.$isRecording.withValue(false, operation: body)
}

/// Runs `body` with the autodiff graph recorded, also inside `withoutGradient`.
public func withGradient<R>(_ body: () throws -> R) rethrows -> R {
  try GradientMode.$isRecording.withValue(true, operation: body)
}

extension Tensor {
  /// Attaches a backward rule to `result`, computed by op `op` from `inputs`, when recording is on
  /// and some input requires a gradient. `rule` receives the gradient of `result` and returns one
  /// gradient per input, in order (`nil` for inputs that need none).
  static func record(
    _ result: Tensor, op: String, inputs: [Tensor], rule: @escaping (Tensor) -> [Tensor?]
  ) -> Tensor {
    if OperationTimer.isEnabled { OperationTimer.mark(GradientMode.isRecording ? op : op + "/nograd") }
    guard GradientMode.isRecording, inputs.contains(where: { $0.node != nil }) else { return result }
    let node = GradNode(op: op, inputs: inputs.map(\.node), rule: rule)
    return Tensor(shape: result.shape, storage: result.storage, node: node)
  }

  /// The same values as a leaf of the autodiff graph, so `gradients(of:wrt:)` can differentiate
  /// with respect to it (PyTorch's `requires_grad_()`).
  public func requiringGradient() -> Tensor {
    Tensor(shape: shape, storage: storage, node: .leaf())
  }
}

extension Tensor {
  /// A forward output for use inside a backward rule: the saved constant `output` when the
  /// backward pass records nothing, or the output recomputed with its graph when it does
  /// (`createGraph`), so second derivatives see its dependence on the inputs.
  @inline(__always)
  static func saved(_ output: Tensor, recompute: () -> Tensor) -> Tensor {
    GradientMode.isRecording ? recompute() : output
  }
}
