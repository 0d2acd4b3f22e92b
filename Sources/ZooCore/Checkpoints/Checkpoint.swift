import Foundation
import TensorBackend

/// A training checkpoint: the trainer's tensors (weights, buffers, optimizer moments) and the
/// loop's state (step, samples seen, random generator), in one safetensors file. The weights are
/// named "generator.…" and "discriminator.…", so PyTorch users can load them directly.
public enum Checkpoint {
  static let stateKey = "training_state"
  static let formatKey = "format"
  static let format = "gan-zoo-checkpoint-1"

  /// Writes atomically: a temporary file in the same folder, then a rename, so an interrupted
  /// write (SIGINT, kill -9, full disk) leaves the previous checkpoint intact.
  public static func write(trainer: any Trainer, state: TrainingState, to url: URL) throws {
    let tensors = trainer.exportState().sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) }
    let stateJSON = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
    let data = try SafeTensors.encode(tensors, metadata: [stateKey: stateJSON, formatKey: format])
    try data.write(to: url, options: .atomic)
  }

  /// The loop's state a checkpoint holds, from its header alone (no tensors are read).
  public static func readState(from url: URL) throws -> TrainingState {
    try state(in: SafeTensors.readMetadata(from: url), file: url.path)
  }

  private static func state(in metadata: [String: String], file: String) throws -> TrainingState {
    guard metadata[formatKey] == format, let json = metadata[stateKey],
      let state = try? JSONDecoder().decode(TrainingState.self, from: Data(json.utf8))
    else { throw CheckpointError.corrupt(file: file, problem: "no training state in its metadata (not written by this program?)") }
    return state
  }

  /// Reads a checkpoint into `trainer` and returns the loop's state. Throws `CheckpointError`
  /// naming the file and the problem; the trainer is unchanged on failure.
  public static func read(from url: URL, into trainer: any Trainer) throws -> TrainingState {
    guard FileManager.default.fileExists(atPath: url.path) else { throw CheckpointError.missing(file: url.path) }
    let contents = try SafeTensors.decode(try Data(contentsOf: url), source: url.path)
    let state = try state(in: contents.metadata, file: url.path)
    do {
      try trainer.importState(contents.tensors)
    } catch {
      throw CheckpointError.mismatch(file: url.path, problem: "\(error)")
    }
    return state
  }
}
