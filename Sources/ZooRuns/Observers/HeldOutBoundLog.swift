import TensorBackend
import ZooCore
import ZooEvaluation

/// A likelihood model's bound on held-out data while it trains: after every epoch of a dataset of
/// fixed size (every e-th epoch when a run has more than `maximumMeasurements`; every `interval`
/// steps of data drawn afresh), and after the last step, the mean
/// negative bound and its parts over the held-out samples, written by the loss log in columns
/// `test_<term>` (a VAE's `test_negative_elbo,test_reconstruction,test_kl`).
///
/// Measured in inference mode with draws from its own seed, the same at every measurement, so
/// training's random stream, and so a resumed run, are untouched, and successive figures differ
/// by the model alone. With the evaluation's seed the last row equals metrics.json's bound.
public final class HeldOutBoundLog: TrainingObserver, LossLogColumns {
  public let model: any LikelihoodModel
  /// The held-out samples (M, sample shape…).
  public let samples: Tensor
  public let seed: UInt64
  /// Samples per epoch; `nil` for data drawn afresh.
  public let epochSize: Int?
  /// Steps between measurements on data without epochs.
  public let interval: Int
  private var latest: (step: Int, values: [Double])?
  /// The most measurements on data of fixed size, besides the last step's.
  public static let maximumMeasurements = 50

  public init(model: any LikelihoodModel, samples: Tensor, seed: UInt64, epochSize: Int?, interval: Int) {
    self.model = model
    self.samples = samples
    self.seed = seed
    self.epochSize = epochSize
    self.interval = max(1, interval)
  }

  public var columns: [String] { model.boundTermNames.map { "test_" + $0 } }

  public func values(atStep step: Int) -> [Double]? {
    latest?.step == step ? latest?.values : nil
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    let due: Bool
    if let epochSize {
      // Short epochs (400 faces in batches of 64, 160 epochs a run) are measured every e-th, so
      // that a run measures at most `maximumMeasurements` times.
      let epochsInRun = max(1, totalSteps * record.samplesConsumed / epochSize)
      let every = (epochsInRun + Self.maximumMeasurements - 1) / Self.maximumMeasurements
      due = state.samplesSeen / epochSize / every > (state.samplesSeen - record.samplesConsumed) / epochSize / every
    } else {
      due = state.step % interval == 0
    }
    guard due || state.step == totalSteps else { return }
    let terms = HeldOutLikelihoodMetric.negativeBound(of: model, on: samples, seed: seed)
    latest = (state.step, terms.map { $0.reduce(0, +) / Double(max($0.count, 1)) })
  }
}
