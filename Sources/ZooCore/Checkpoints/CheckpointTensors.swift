import NeuralNetworks
import TensorBackend

/// A trainer's state as named tensors, written once for every trainer: each network's
/// parameters and buffers under its name ("generator.model.0.weight", as PyTorch's
/// `state_dict()` names them under a prefix), each optimizer's state under its name
/// ("generator_optimizer.0.exp_avg") with its step count ("generator_optimizer.step_count").
public enum CheckpointTensors {
  /// The tensors of `networks` and `optimizers`, each under its name.
  public static func export(networks: [(name: String, layer: any Layer)], optimizers: [(name: String, optimizer: any Optimizer)]) -> [String: Tensor] {
    var state: [String: Tensor] = [:]
    for (prefix, layer) in networks {
      for (name, tensor) in layer.exportState() { state["\(prefix).\(name)"] = tensor }
    }
    for (prefix, optimizer) in optimizers {
      let exported = optimizer.exportState()
      for (name, tensor) in exported.tensors { state["\(prefix).\(name)"] = tensor }
      state["\(prefix).step_count"] = Tensor(Double(exported.stepCount), dtype: .float64)
    }
    return state
  }

  /// Restores what `export` wrote into the same networks and optimizers. Everything is checked
  /// before anything changes: on any error the networks keep their values.
  public static func restore(
    _ state: [String: Tensor], networks: [(name: String, layer: any Layer)], optimizers: [(name: String, optimizer: any Optimizer)]
  ) throws {
    func part(_ prefix: String) -> [String: Tensor] {
      var result: [String: Tensor] = [:]
      for (name, tensor) in state where name.hasPrefix(prefix + ".") {
        result[String(name.dropFirst(prefix.count + 1))] = tensor
      }
      return result
    }
    var optimizerStates: [(any Optimizer, OptimizerState)] = []
    for (prefix, optimizer) in optimizers {
      var tensors = part(prefix)
      guard let count = tensors.removeValue(forKey: "step_count") else {
        throw StateImportError("missing tensor \"\(prefix).step_count\"")
      }
      optimizerStates.append((optimizer, OptimizerState(kind: optimizer.exportState().kind, stepCount: Int(count.scalar), tensors: tensors)))
    }
    // Layers validate fully before assigning; keep copies to undo the ones already assigned.
    let backups = networks.map { $0.layer.exportState() }
    do {
      for (prefix, layer) in networks { try layer.importState(part(prefix)) }
      for (optimizer, optimizerState) in optimizerStates { try optimizer.importState(optimizerState) }
    } catch {
      for ((_, layer), backup) in zip(networks, backups) { try? layer.importState(backup) }
      throw error
    }
  }
}
