import ArgumentParser
import Foundation

/// `zoo resume <run-dir>`: continues a run from its last checkpoint; the result is bit-identical
/// to a run that was never interrupted.
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "resume", abstract: "Continue a run from its last checkpoint.")

  @Argument(help: "The run directory.")
  var runDirectory: String

  func run() throws {
    try RunSession.open(URL(fileURLWithPath: runDirectory)).train(resuming: true)
  }
}
