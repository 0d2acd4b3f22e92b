import ArgumentParser
import ZooRuns

@main
struct ZooCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "zoo",
    abstract: "GAN Zoo: train, sample, evaluate, compare and benchmark generative models; regenerate RESULTS.md.",
    subcommands: [ListCommand.self, TrainCommand.self, ResumeCommand.self, SampleCommand.self, EvaluateCommand.self, CompareCommand.self, ResultsCommand.self, ScoreCommand.self, BenchCommand.self, DataCommand.self, ClassifierCommand.self])
}
