import ArgumentParser
import ZooRuns

/// `zoo resume <run-dir>`: continues a run from its last checkpoint; the result is bit-identical
/// to a run that was never interrupted.
struct ResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "resume", abstract: "Continue a run from its last checkpoint.")

  @OptionGroup var directory: RunDirectoryArgument

  func run() throws {
    try Console.runOnLaunchedProcesses(resume)
  }

  private func resume() throws {
    let opened = try Run.open(directory.url, registry: registry, access: .write, processGroup: LaunchedProcesses.group, notes: Console.note)
    let configuration = opened.configuration
    if opened.state.step < configuration.steps {
      Console.say("resuming \(configuration.variant) on \(configuration.dataset) at step \(opened.state.step) of \(configuration.steps)")
    }
    try TrainCommand.train(opened)
  }
}
