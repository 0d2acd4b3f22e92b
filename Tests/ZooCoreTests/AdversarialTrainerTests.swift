import NeuralNetworks
import TensorBackend
import Testing
import ZooCore

/// G(z) = z·Wᵀ on 2-D noise, recording every noise batch it is given.
final class LinearRecordingGenerator: Generator {
  let weight = Parameter(Tensor(shape: [2, 2], scalars: [0.8, -0.3, 0.2, 1.1] as [Double]))
  var noises: [Tensor] = []
  var latentDimension: Int { 2 }
  var sampleShape: [Int] { [2] }
  var ownParameters: [(name: String, parameter: Parameter)] { [("weight", weight)] }
  func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    noises.append(noise.detached)
    return linear(noise, weight: weight.value, bias: nil)
  }
}

/// D(x) = x·wᵀ + b, a linear critic: its input gradient is w everywhere. Records, at every call,
/// whether its parameters took gradients (false while frozen).
final class LinearCritic: Discriminator {
  let weight = Parameter(Tensor(shape: [1, 2], scalars: [0.6, -1.7] as [Double]))
  let bias = Parameter(Tensor(shape: [1], scalars: [0.25] as [Double]))
  var trainableAtCall: [Bool] = []
  var ownParameters: [(name: String, parameter: Parameter)] { [("weight", weight), ("bias", bias)] }
  func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    trainableAtCall.append(weight.requiresGradient && bias.requiresGradient)
    return linear(x, weight: weight.value, bias: bias.value)
  }
}

/// Gaussian points around (1, 2), recording every batch it hands out.
struct RecordingSource: BatchSource {
  final class Log { var batches: [Tensor] = [] }
  let log = Log()
  var description: DataDescription { DataDescription(kind: .points, sampleShape: [2]) }
  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    let samples = Tensor.randomNormal([size, 2], using: &generator) + Tensor(shape: [2], scalars: [1, 2] as [Double])
    log.batches.append(samples)
    return Batch(samples: samples)
  }
}

/// WGAN-GP, noting whether the samples its penalty sees carry a graph back into the generator.
struct InspectedPenaltyObjective: Objective {
  static let name = "inspected-wgan-gp"
  static let summary = "WGAN-GP that records what its penalty is given"
  final class Log: @unchecked Sendable { var penaltyInputsTracked: [Bool] = [] }
  let log = Log()
  let inner = WassersteinGradientPenaltyObjective(penaltyWeight: 3)
  init() {}
  func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor { inner.discriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits) }
  func generatorLoss(fakeLogits: Tensor) -> Tensor { inner.generatorLoss(fakeLogits: fakeLogits) }
  func discriminatorPenalty(real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, using generator: inout SplitMix64) -> Tensor? {
    log.penaltyInputsTracked.append(real.requiresGradient || fake.requiresGradient)
    return inner.discriminatorPenalty(real: real, fake: fake, critic: critic, using: &generator)
  }
}

/// The adversarial loop against Algorithm 1 of Gulrajani et al. 2017, worked by hand on linear
/// networks with plain SGD, where every gradient has a closed form.
@Suite struct AdversarialTrainerTests {
  let learningRate = 0.05

  func sgd(k: Int) -> AdversarialSettings {
    AdversarialSettings(discriminatorStepsPerGeneratorStep: k,
                        generatorOptimizer: .sgd(learningRate: learningRate, momentum: 0),
                        discriminatorOptimizer: .sgd(learningRate: learningRate, momentum: 0))
  }

  func column(_ t: Tensor, _ j: Int) -> [Double] { stride(from: j, to: t.scalarCount, by: 2).map { t.scalars[$0] } }
  func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

  /// One critic step then one generator step. The critic descends
  /// E[D(G(z))] − E[D(x)] + λ(‖w‖ − 1)² (the penalty of a linear critic), so
  /// w ← w − η((x̄_fake − x̄_real) + 2λ(‖w‖ − 1)w/‖w‖) and b is unchanged; the generator then
  /// descends −E[D(G(z))] through the updated, frozen critic: W ← W + η·w′ z̄ᵀ.
  @Test func oneCriticStepAndOneGeneratorStepFollowTheClosedForm() throws {
    let g = LinearRecordingGenerator(), d = LinearCritic()
    let lambda = 3.0
    let trainer = AdversarialTrainer(generator: g, discriminator: d, objective: WassersteinGradientPenaltyObjective(penaltyWeight: lambda),
                                     settings: sgd(k: 1), environment: TrainingEnvironment(batchSize: 16))
    let w0 = d.weight.value.scalars, b0 = d.bias.value.scalar, g0 = g.weight.value.scalars
    var source: any BatchSource = RecordingSource()
    let log = (source as! RecordingSource).log
    var rng = SplitMix64(seed: 11)
    let record = try trainer.step(data: &source, using: &rng)

    #expect(log.batches.count == 1 && g.noises.count == 1)
    let real = log.batches[0], z = g.noises[0]
    let fake = linear(z, weight: Tensor(shape: [2, 2], scalars: g0), bias: nil)
    let norm = (w0[0] * w0[0] + w0[1] * w0[1]).squareRoot()
    let w1 = (0..<2).map { j in
      w0[j] - learningRate * ((mean(column(fake, j)) - mean(column(real, j))) + 2 * lambda * (norm - 1) * w0[j] / norm)
    }
    for j in 0..<2 { expectClose(d.weight.value.scalars[j], w1[j], tolerance: 1e-5) }
    expectClose(d.bias.value.scalar, b0, tolerance: 1e-6)
    expectClose(record.loss("penalty")!, lambda * (norm - 1) * (norm - 1), tolerance: 1e-4)

    let zMean = [mean(column(z, 0)), mean(column(z, 1))]
    for i in 0..<2 {
      for j in 0..<2 {
        expectClose(g.weight.value.scalars[i * 2 + j], g0[i * 2 + j] + learningRate * w1[i] * zMean[j], tolerance: 1e-5)
      }
    }
  }

  /// k critic steps draw k real batches and k noise batches, all different; the penalty sees
  /// samples without a graph into the generator; the critic is frozen in the generator step only.
  @Test func everyCriticStepDrawsFreshDataAndNoise() throws {
    let g = LinearRecordingGenerator(), d = LinearCritic()
    let objective = InspectedPenaltyObjective()
    let trainer = AdversarialTrainer(generator: g, discriminator: d, objective: objective, settings: sgd(k: 3), environment: TrainingEnvironment(batchSize: 8))
    var source: any BatchSource = RecordingSource()
    let log = (source as! RecordingSource).log
    var rng = SplitMix64(seed: 5)
    let record = try trainer.step(data: &source, using: &rng)
    #expect(record.samplesConsumed == 24)
    #expect(log.batches.count == 3 && g.noises.count == 3)
    #expect(Set(log.batches.map(\.scalars)).count == 3, "real batches repeat")
    #expect(Set(g.noises.map(\.scalars)).count == 3, "noise batches repeat")
    #expect(objective.log.penaltyInputsTracked == [false, false, false])

    // Every critic-step call (real, fake and penalty samples) sees a trainable critic; the
    // generator step's one call, the last, a frozen one; and the critic is trainable again after.
    #expect(d.trainableAtCall.count > 1 && d.trainableAtCall.last == false, "\(d.trainableAtCall)")
    #expect(d.trainableAtCall.dropLast().allSatisfy { $0 }, "\(d.trainableAtCall)")
    let unfrozen = d.parameters.allSatisfy { $0.requiresGradient }
    #expect(unfrozen, "the critic is unfrozen again after the generator step")
  }

  /// Batches handed to the trainer are the ones it trains on, in order, and their condition
  /// (not their labels) reaches both networks.
  @Test func steppedOnHandedBatchesWithTheirCondition() throws {
    final class ConditionRecorder: Discriminator {
      let inner = LinearCritic()
      var conditions: [[Double]?] = []
      var sublayers: [(name: String, layer: any Layer)] { [("inner", inner)] }
      func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
        conditions.append(condition?.scalars)
        return inner(x, condition: nil, context: &context)
      }
    }
    let g = LinearRecordingGenerator(), d = ConditionRecorder()
    let trainer = AdversarialTrainer(generator: g, discriminator: d, objective: NonSaturatingObjective(), settings: sgd(k: 2), environment: TrainingEnvironment(batchSize: 3))
    let batches = (0..<2).map { i in
      Batch(samples: Tensor(shape: [3, 2], scalars: (0..<6).map { Double($0 + 10 * i) }), condition: Tensor(shape: [3], scalars: [Double(i), 7, 8]), labels: Tensor(shape: [3], scalars: [0, 0, 0]))
    }
    var rng = SplitMix64(seed: 3)
    let record = try trainer.step(on: batches, using: &rng)
    #expect(record.samplesConsumed == 6)
    #expect(d.conditions.map { $0?.first } == [0, 0, 1, 1, 1], "\(d.conditions)")
    #expect(record.diagnostics.map(\.name) == ["mean_d_real", "mean_d_fake"])
    #expect(record.losses.map(\.name) == ["discriminator", "generator"])
  }

  /// The constraint follows every critic step, before the next one reads the critic; the
  /// optimizers come from the environment, through its wrapper.
  @Test func constraintAfterEveryCriticStepAndOptimizersFromTheEnvironment() throws {
    final class Clamp: ParameterConstraint {
      var calls = 0
      func apply(to parameters: [Parameter]) {
        calls += 1
        for parameter in parameters { parameter.assign(Tensor(shape: parameter.shape, scalars: parameter.value.scalars.map { min(max($0, -0.125), 0.125) }, dtype: parameter.dtype)) }
      }
    }
    final class Counted { var wrapped: [String] = [] }
    let counted = Counted()
    let environment = TrainingEnvironment(batchSize: 4, rank: 0, worldSize: 1) { optimizer in
      counted.wrapped.append(optimizer.exportState().kind)
      return optimizer
    }
    let g = LinearRecordingGenerator(), d = LinearCritic()
    let clamp = Clamp()
    let trainer = AdversarialTrainer(generator: g, discriminator: d, objective: WassersteinObjective(), settings: sgd(k: 3), environment: environment, discriminatorConstraint: clamp)
    #expect(counted.wrapped == ["sgd", "sgd"])
    var source: any BatchSource = RecordingSource()
    var rng = SplitMix64(seed: 9)
    _ = try trainer.step(data: &source, using: &rng)
    #expect(clamp.calls == 3)
    #expect(d.parameters.allSatisfy { $0.value.scalars.allSatisfy { Swift.abs($0) <= 0.125 } })
    #expect(trainer.networks.map(\.name) == ["generator", "discriminator"])
  }
}
