import Datasets
import Foundation
import Testing
import TensorBackend
import ZooCore
@testable import ZooEvaluation

@Suite struct ReferenceClassifierCacheTests {
  static let dataset = ClassifierFixtures.dataset

  /// A fresh folder for one test's files.
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("reference-classifier-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func cacheLivesUnderTheDataRoot() {
    let url = ReferenceClassifier.cacheURL(in: DataRoot(path: "../shared/datasets", origin: .option), key: "mnist-pad32")
    #expect(url.path.hasSuffix("shared/datasets/classifiers/mnist-pad32.safetensors"))
  }

  @Test func roundTripKeepsWeightsAndProvenance() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let classifier = try ClassifierFixtures.quickClassifier()
    let url = folder.appendingPathComponent("nested/lines.safetensors")
    try classifier.write(to: url)
    let loaded = try ReferenceClassifier.load(from: url, dataset: Self.dataset, inputShape: [1, 16, 16], classCount: 4)
    #expect(ClassifierFixtures.bits(loaded) == ClassifierFixtures.bits(classifier))
    #expect(loaded.provenance == classifier.provenance && loaded.architecture == ClassifierFixtures.architecture)
    let images = ClassifierFixtures.lines(10, seed: 9).batch(Array(0..<10)).samples
    #expect(loaded.logits(images).floats.map(\.bitPattern) == classifier.logits(images).floats.map(\.bitPattern))
    // Readable as plain safetensors, with the provenance in its metadata.
    let contents = try SafeTensors.decode(try Data(contentsOf: url), source: url.path)
    #expect(contents.metadata["dataset"] == Self.dataset && contents.metadata["input_shape"] == "[1, 16, 16]")
    #expect(contents.metadata["test_accuracy"].flatMap(Double.init) == classifier.provenance?.testAccuracy)
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["lines.safetensors"])
  }

  @Test func mismatchedCacheIsNamed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("lines.safetensors")
    try ClassifierFixtures.quickClassifier().write(to: url)
    for (dataset, shape, classes) in [("mnist", nil, nil), (Self.dataset, [1, 28, 28], nil), (Self.dataset, nil, 10)] as [(String, [Int]?, Int?)] {
      do {
        _ = try ReferenceClassifier.load(from: url, dataset: dataset, inputShape: shape, classCount: classes)
        Issue.record("loading for \(dataset) \(String(describing: shape)) \(String(describing: classes)) should fail")
      } catch {
        guard case .mismatch(let file, _) = error else { Issue.record("expected a mismatch, got \(error)"); continue }
        #expect(file == url.path)
      }
    }
  }

  @Test func missingAndCorruptFilesAreErrorsNamingTheFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("lines.safetensors")
    #expect(throws: ReferenceClassifierError.missing(file: url.path, hint: "train one with `zoo classifier train`")) {
      try ReferenceClassifier.load(from: url)
    }
    try ClassifierFixtures.quickClassifier().write(to: url)
    let good = try Data(contentsOf: url)
    var nonFinite = try SafeTensors.decode(good, source: "").tensors
    nonFinite["classifier.2.bias"] = Tensor(shape: [4], scalars: [0, 0, .nan, 0] as [Double])
    let metadata = try SafeTensors.decode(good, source: "").metadata
    var otherFormat = metadata
    otherFormat["format"] = "gan-zoo-checkpoint-1"
    var noDataset = metadata
    noDataset["dataset"] = nil
    var badShape = metadata
    badShape["input_shape"] = "[1, sixteen]"
    func encode(_ tensors: [String: Tensor], _ metadata: [String: String]) throws -> Data {
      try SafeTensors.encode(tensors.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metadata: metadata)
    }
    let tensors = try SafeTensors.decode(good, source: "").tensors
    var missingTensor = tensors
    missingTensor["features.0.bias"] = nil
    let corruptions: [(String, Data)] = [
      ("truncated", good.prefix(good.count - 100)),
      ("empty", Data()),
      ("not safetensors", Data("hello, world".utf8)),
      ("non-finite weights", try encode(nonFinite, metadata)),
      ("another format", try encode(tensors, otherFormat)),
      ("no dataset", try encode(tensors, noDataset)),
      ("unreadable shape", try encode(tensors, badShape)),
      ("missing tensor", try encode(missingTensor, metadata)),
    ]
    for (what, bytes) in corruptions {
      try bytes.write(to: url)
      do {
        _ = try ReferenceClassifier.load(from: url)
        Issue.record("\(what): loading should fail")
      } catch {
        guard case .corrupt(let file, let problem) = error else { Issue.record("\(what): expected corrupt, got \(error)"); continue }
        #expect(file == url.path && !problem.isEmpty, "\(what)")
      }
    }
  }

  @Test func loadOrTrainReplacesACorruptCache() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("classifiers/lines.safetensors")
    var notes: [String] = []
    var trainings = 0
    func loadOrTrain() throws -> ReferenceClassifier {
      try ReferenceClassifier.loadOrTrain(
        at: url, dataset: Self.dataset, inputShape: [1, 16, 16], classCount: 4, options: ClassifierFixtures.options(epochs: 1),
        trainingData: {
          trainings += 1
          return (ClassifierFixtures.lines(96, seed: 1), ClassifierFixtures.lines(32, seed: 2))
        },
        notes: { notes.append($0) })
    }
    let trained = try loadOrTrain()  // missing: trains and caches
    #expect(trainings == 1 && notes.count == 1 && notes[0].contains("no reference classifier"))
    let cached = try loadOrTrain()  // valid: loads
    #expect(trainings == 1 && notes.count == 1)
    #expect(ClassifierFixtures.bits(cached) == ClassifierFixtures.bits(trained))
    try Data("not a classifier".utf8).write(to: url)
    let retrained = try loadOrTrain()  // corrupt: says so, retrains, replaces
    #expect(trainings == 2 && notes.count == 2 && notes[1].contains(url.path) && notes[1].contains("training a new one"))
    #expect(ClassifierFixtures.bits(retrained) == ClassifierFixtures.bits(trained), "same seed, same classifier")
    #expect(ClassifierFixtures.bits(try ReferenceClassifier.load(from: url)) == ClassifierFixtures.bits(trained))
  }
}
