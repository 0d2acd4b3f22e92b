import ArgumentParser
import Datasets
import Foundation
import TensorBackend
import ZooCore
import ZooEvaluation
import ZooRuns

/// `zoo classifier train|evaluate`: the evaluation harness's reference classifier of a labelled
/// image dataset, trained on its training images, measured on its test images and cached as
/// `<data root>/classifiers/<dataset>.safetensors`.
struct ClassifierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classifier",
    abstract: "Train or check the reference classifier that judges generated samples (cached in <data root>/classifiers/).",
    subcommands: [Train.self, Evaluate.self])

  /// Options both subcommands share.
  struct DataOptions: ParsableArguments {
    @Option(help: "A labelled image dataset: mnist (options: pad=N), shapes (options: size=N, channels=1|3), or a folder with one subfolder per class.")
    var dataset = DataCatalog.mnistName

    @OptionGroup var location: DataRootOption

    var dataRoot: String? { location.dataRoot }
  }

  /// `zoo classifier train`: trains, prints progress and the test accuracy, caches.
  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train the reference classifier of a dataset, print its test accuracy, and cache it (replacing any cached one).")

    @OptionGroup var data: DataOptions

    @Option(help: "Passes over the training images.")
    var epochs = ReferenceClassifier.TrainingOptions().epochs

    @Option(help: "The seed of the weights, the data order and the dropout masks.")
    var seed: UInt64 = 0

    @Option(name: .customLong("batch-size"), help: "Images per Adam step.")
    var batchSize = ReferenceClassifier.TrainingOptions().batchSize

    @Option(name: .customLong("learning-rate"), help: "Adam's step size in the first epoch.")
    var learningRate = ReferenceClassifier.TrainingOptions().learningRate

    @Option(name: .customLong("learning-rate-decay"), help: "Factor applied to the step size after every epoch.")
    var learningRateDecay = ReferenceClassifier.TrainingOptions().learningRateDecay

    func run() throws {
      guard epochs > 0, batchSize > 0, learningRate > 0, learningRateDecay > 0 else {
        throw UsageError("--epochs, --batch-size, --learning-rate and --learning-rate-decay must be positive")
      }
      let labelled = try ClassifierCatalog.labelledData(for: data.dataset, dataRoot: data.dataRoot)
      let training = labelled.training!
      let url = labelled.cacheURL
      let options = ReferenceClassifier.TrainingOptions(
        epochs: epochs, batchSize: batchSize, learningRate: learningRate, learningRateDecay: learningRateDecay, seed: seed)
      Console.say("training the reference classifier of \(labelled.name) on \(training.count) images of \(Console.shapeText(training.sampleShape)), testing on \(labelled.test.count)")
      Console.say("  \(epochs) epoch\(epochs == 1 ? "" : "s"), batch \(batchSize), Adam \(learningRate) ×\(learningRateDecay) per epoch, seed \(seed)")
      let classifier = try ReferenceClassifier.train(
        on: training, test: labelled.test, dataset: labelled.name, options: options, progress: Console.classifierProgress)
      try classifier.write(to: url)
      let provenance = classifier.provenance!
      Console.say(String(format: "test accuracy %.2f%% on %d %@ test images after %d epoch%@ (seed %llu), %@",
                   100 * (provenance.testAccuracy ?? 0), provenance.testSampleCount, labelled.name, epochs, epochs == 1 ? "" : "s", seed,
                   ProgressBar.formatDuration(provenance.trainingSeconds)))
      Console.say("cached in \(url.path)")
    }
  }

  /// `zoo classifier evaluate`: the cached classifier's test accuracy, measured again.
  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load the cached reference classifier of a dataset and measure its test accuracy.")

    @OptionGroup var data: DataOptions

    func run() throws {
      let labelled = try ClassifierCatalog.labelledData(for: data.dataset, dataRoot: data.dataRoot, includeTraining: false)
      let classifier = try ClassifierCatalog.loadCached(labelled, dataset: data.dataset, dataRoot: data.dataRoot)
      let provenance = classifier.provenance!
      Console.say("\(labelled.cacheURL.path): \(provenance)")
      let accuracy = classifier.accuracy(on: labelled.test)
      let recorded = provenance.testAccuracy.map { String(format: "; recorded at training: %.2f%%", 100 * $0) } ?? ""
      Console.say(String(format: "test accuracy %.2f%% on %d %@ test images%@", 100 * accuracy, labelled.test.count, labelled.name, recorded))
    }
  }
}
