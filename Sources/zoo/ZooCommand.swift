import ArgumentParser
import ZooRuns

@main
struct ZooCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "zoo",
    abstract: "GAN Zoo: train, sample, evaluate and benchmark generative models.",
    subcommands: [ListCommand.self, TrainCommand.self, ResumeCommand.self, SampleCommand.self, EvaluateCommand.self, ScoreCommand.self, BenchCommand.self, DataCommand.self, ClassifierCommand.self])
}
