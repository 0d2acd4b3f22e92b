import TensorBackend

/// Updates parameters in place from their accumulated gradients.
///
/// A training step is `optimizer.zeroGradients()`, a forward pass, `loss.backward()`, then
/// `optimizer.step()`. Parameters whose gradient is `nil` are skipped by `step()` and their state
/// does not advance, as in PyTorch.
///
/// The optimizer's state (moment estimates, per-parameter step counts) exports as named tensors,
/// keyed "\(i).\(name)" with i the parameter's position in `parameters`, plus the number of
/// `step()` calls; importing it into an optimizer over the same parameters continues the run bit
/// for bit.
public protocol Optimizer: AnyObject {
  /// The parameters updated, in the order their state is keyed by.
  var parameters: [Parameter] { get }
  /// How many times `step()` has run.
  var stepCount: Int { get }
  /// One update of every parameter that has a gradient.
  func step()
  /// Forgets every parameter's accumulated gradient.
  func zeroGradients()
  /// A copy of the state.
  func exportState() -> OptimizerState
  /// Replaces the state with `state`; nothing changes if it does not fit the parameters.
  func importState(_ state: OptimizerState) throws(StateImportError)
}

extension Optimizer {
  public func zeroGradients() {
    for parameter in parameters { parameter.zeroGradient() }
  }
}
