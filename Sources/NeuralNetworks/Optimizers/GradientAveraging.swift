import TensorBackend

/// An optimizer whose step first averages every parameter's gradient over the processes of a
/// data-parallel run, then takes the wrapped optimizer's step: with each process's gradient the
/// mean over its shard of the batch, the average is the gradient of the mean over the whole
/// batch, so every process takes the same step that one process would on the whole batch.
///
/// The gradients go across in one collective per element type per step: packed into one flat
/// buffer (float32, plus float64 if any), summed over the processes, scaled by 1/size and
/// unpacked, not one call per tensor. Parameters without a gradient (the same ones on every
/// process, as every process runs the same computation) are left out.
public final class GradientAveraging: Optimizer {
  public let wrapped: any Optimizer
  public let group: any ProcessGroup

  public init(_ wrapped: any Optimizer, group: any ProcessGroup) {
    self.wrapped = wrapped
    self.group = group
  }

  public var parameters: [Parameter] { wrapped.parameters }
  public var stepCount: Int { wrapped.stepCount }
  public func zeroGradients() { wrapped.zeroGradients() }
  public func exportState() -> OptimizerState { wrapped.exportState() }
  public func importState(_ state: OptimizerState) throws(StateImportError) { try wrapped.importState(state) }

  public func step() {
    if group.size > 1 {
      averageGradients(of: .float32, Float.self)
      averageGradients(of: .float64, Double.self)
    }
    wrapped.step()
  }

  private func averageGradients<T: KernelScalar>(of dtype: DType, _: T.Type) {
    let withGradients = parameters.filter { $0.gradient != nil && $0.dtype == dtype }
    let total = withGradients.reduce(0) { $0 + $1.scalarCount }
    guard total > 0 else { return }
    var flat = [T](repeating: 0, count: total)
    flat.withUnsafeMutableBufferPointer { flat in
      var offset = 0
      for parameter in withGradients {
        parameter.gradient!.withUnsafeBufferPointer(as: T.self) { (flat.baseAddress! + offset).update(from: $0.baseAddress!, count: $0.count) }
        offset += parameter.scalarCount
      }
      do {
        if T.self == Float.self {
          try group.allReduceSum(UnsafeMutableRawBufferPointer(flat).bindMemory(to: Float.self))
        } else {
          try group.allReduceSum(UnsafeMutableRawBufferPointer(flat).bindMemory(to: Double.self))
        }
      } catch {
        let message = "error: rank \(group.rank): averaging gradients: \(error)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        group.abort(code: 1)
      }
      let scale = T(1) / T(group.size)
      for i in 0..<total { flat[i] *= scale }
      offset = 0
      for parameter in withGradients {
        parameter.gradient = Tensor(shape: parameter.shape, copying: UnsafeBufferPointer(rebasing: flat[offset ..< offset + parameter.scalarCount]))
        offset += parameter.scalarCount
      }
    }
  }
}

#if canImport(Glibc)
import Glibc
#endif
