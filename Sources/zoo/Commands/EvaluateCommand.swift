import ArgumentParser
import Foundation

/// `zoo evaluate <run-dir>`: recomputes a run's metrics from its checkpoint.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "Recompute a run's metrics from its checkpoint (writes metrics.json).")

  @Argument(help: "The run directory.")
  var runDirectory: String

  func run() throws {
    let session = try RunSession.open(URL(fileURLWithPath: runDirectory))
    let state = try session.loadCheckpoint()
    print("\(session.configuration.variant) on \(session.configuration.dataset), step \(state.step) of \(session.configuration.steps)")
    print(try session.evaluate().summary)
  }
}
