import Foundation
import TensorBackend

/// What every process of a data-parallel run must agree on before it trains: the resolved
/// configuration (variant, data, objective, schedule, seed, settings) and the source commit.
/// Each process hashes its own; rank 0's hash is broadcast, and a process whose hash differs
/// refuses to start, naming itself, rather than train a different model in lockstep.
enum RunFingerprint {
  /// FNV-1a over the canonical JSON of what must agree.
  static func hash(of configuration: RunConfiguration) throws -> UInt64 {
    var agreed = configuration
    agreed.commandLine = []
    agreed.created = ""
    agreed.worldSize = nil
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in try encoder.encode(agreed) {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return hash
  }

  /// Throws on a process whose configuration or code differs from rank 0's.
  static func check(_ configuration: RunConfiguration, group: any ProcessGroup) throws {
    let mine = try hash(of: configuration)
    var bytes = withUnsafeBytes(of: mine.littleEndian) { Array($0) }
    bytes = try group.broadcast(bytes, from: 0)
    let rankZero = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    // Every process learns whether all agree, so all fail together.
    let disagreeing = try group.sum([mine == rankZero ? 0 : 1])[0]
    guard disagreeing == 0 else {
      throw UsageError(
        mine == rankZero
          ? "rank \(group.rank): \(Int(disagreeing)) other process(es) resolved a different configuration or code commit than rank 0; every process must run the same command on the same build"
          : "rank \(group.rank): this process resolved a different configuration or code commit (\(configuration.sourceCommit ?? "unknown")) than rank 0; every process must run the same command on the same build")
    }
  }
}
