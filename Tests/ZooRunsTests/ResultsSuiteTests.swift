import Foundation
import Testing
import ZooRuns
import _TestSupport

/// `zoo results` as the library runs it, on tiny runs: the document comes from the summaries
/// alone, an interrupted suite resumes its run instead of restarting it, failures stay in the
/// table marked, and a specification with a wrong name is refused before anything trains.
@Suite struct ResultsSuiteTests {
  /// A repository of its own: `results/spec.json` holding `specification`.
  static func layout(_ specification: ResultsSpecification, in folder: TemporaryFolder) throws -> ResultsLayout {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    folder.write([UInt8](try encoder.encode(specification)), to: "results/spec.json")
    return ResultsLayout(root: folder.url)
  }

  /// Two objectives of the tiny GAN over `seeds`, and the moment-matching model (no objective).
  static func specification(seeds: [UInt64] = [0, 1], steps: Int = 6, momentsOverrides: [String] = []) -> ResultsSpecification {
    ResultsSpecification(title: "Test results", introduction: ["Tiny runs."], tables: [
      TableSpecification(
        id: "ring", title: "Ring", variants: ["gan"], datasets: ["ring8"], objectives: ["non-saturating", "hinge"], seeds: seeds, steps: steps,
        batchSize: 4, set: RunFixtures.tinyGAN, metrics: ["modes-covered", "high-quality", "reverse-kl"]),
      TableSpecification(
        id: "moments", title: "Moments", variants: ["moments"], datasets: ["ring8"], seeds: [0], steps: steps, batchSize: 8,
        set: momentsOverrides.isEmpty ? nil : momentsOverrides, metrics: ["modes-covered"]),
    ])
  }

  static func quietly(_ suite: ResultsSuite, shouldStop: (() -> Bool)? = nil) throws -> SuiteOutcome {
    try suite.run(shouldStop: shouldStop, progress: { _ in }, isTerminal: false)
  }

  @Test func theDocumentIsRenderedFromTheSummariesAloneAndAlwaysTheSame() throws {
    let folder = TemporaryFolder()
    let layout = try Self.layout(Self.specification(), in: folder)
    let outcome = try Self.quietly(ResultsSuite(layout: layout, registry: testRegistry))
    #expect(outcome.trained.count == 5 && outcome.reused.isEmpty && outcome.isComplete)
    let written = try String(contentsOf: layout.url(layout.document), encoding: .utf8)
    #expect(written.contains("| `gan` | `ring8` | `non-saturating` | 6 × 4 | 0, 1 |"))
    #expect(written.contains("| `moments` | `ring8` | – | 6 × 8 | 0 |"))
    #expect(written.contains("](results/figures/ring-losses.png)"))
    for name in ["gan-ring8-hinge-steps6-batch4-set-latentDimension4-generatorWidths-8-8-discriminatorWidths-8-seed0.png", "ring-losses.png", "moments-losses.png"] {
      #expect(FileManager.default.fileExists(atPath: folder.file("results/figures/" + name)), "\(name)")
    }

    // Another checkout: the specification and the summaries, no run directory, no figures.
    let copy = TemporaryFolder()
    try FileManager.default.copyItem(atPath: folder.file("results/spec.json"), toPath: copy.file("spec.json"))
    try FileManager.default.copyItem(atPath: folder.file("results/summaries"), toPath: copy.file("summaries"))
    let bare = try ResultsSuite(
      layout: ResultsLayout(root: copy.url, specification: "spec.json", summaries: "summaries"), registry: testRegistry)
    var renderedElsewhere = try bare.render()
    // The header names where the summaries were read.
    renderedElsewhere = renderedElsewhere.replacingOccurrences(of: "from spec.json and the run summaries in summaries/", with: "from results/spec.json and the run summaries in results/summaries/")
    #expect(renderedElsewhere == written)
    let again = try ResultsSuite(layout: layout, registry: testRegistry)
    #expect(try again.render() == written && again.documentDifference() == nil)

    try Data("edited by hand\n".utf8).write(to: layout.url(layout.document))
    #expect(try again.documentDifference()?.contains("RESULTS.md line 1 differs") == true)
  }

  @Test func anInterruptedSuiteResumesItsRunInsteadOfRestartingIt() throws {
    let folder = TemporaryFolder()
    let specification = ResultsSpecification(title: "Resume", tables: [
      TableSpecification(
        id: "ring", title: "Ring", variants: ["gan"], datasets: ["ring8"], seeds: [0, 1], steps: 20, batchSize: 4, set: RunFixtures.tinyGAN,
        metrics: ["modes-covered"])
    ])
    let layout = try Self.layout(specification, in: folder)
    let experiments = try ResultsSuite(layout: layout, registry: testRegistry).experiments()
    let (first, second) = (experiments[0].name, experiments[1].name)

    // Stopped, as Ctrl-C stops it, seven steps into the second run (counted once the first
    // run's summary is written: the estimates train a few steps of their own first).
    var asked = 0
    let stopped = try Self.quietly(ResultsSuite(layout: layout, registry: testRegistry)) {
      guard FileManager.default.fileExists(atPath: layout.summary(of: first).path) else { return false }
      asked += 1
      return asked == 7
    }
    #expect(stopped.trained == [first] && stopped.interrupted?.run == second && stopped.interrupted?.step == 7)
    let firstSummary = try Data(contentsOf: layout.summary(of: first))
    #expect(!FileManager.default.fileExists(atPath: layout.summary(of: second).path))
    #expect(try String(contentsOf: layout.url(layout.document), encoding: .utf8).contains("0, 1 (1 not run)"))

    let continued = try Self.quietly(ResultsSuite(layout: layout, registry: testRegistry))
    #expect(continued.reused == [first] && continued.resumed == [second] && continued.trained.isEmpty)
    #expect(try Data(contentsOf: layout.summary(of: first)) == firstSummary, "the finished run is left alone")
    let summary = try RunSummary.read(from: layout.summary(of: second))
    #expect(summary.sessions.map(\.fromStep) == [0, 7] && summary.sessions.map(\.toStep) == [7, 20])
    #expect(summary.stepsTrained == 20 && summary.status == .finished)

    // The resumed run is the run trained straight through.
    let straight = try Run.create(experiments[1].specification(dataRoot: nil), registry: testRegistry, in: folder.url.appendingPathComponent("straight"))
    try straight.train()
    let resumedLosses = try #require(try RunView(layout.runDirectory(of: second)).losses())
    let straightLosses = try #require(try RunView(straight.directory.url).losses())
    for column in resumedLosses.columns where column != "seconds" {
      #expect(resumedLosses.values(of: column) == straightLosses.values(of: column), "\(column)")
    }
    #expect(summary.metrics?.metrics == (try RunView(straight.directory.url).metrics())?.metrics)
  }

  @Test func aRunThatDivergesStaysInTheTableMarked() throws {
    let folder = TemporaryFolder()
    // A learning rate that sends the moments to infinity within a few steps.
    let layout = try Self.layout(Self.specification(seeds: [0], momentsOverrides: ["learningRate=1e30"]), in: folder)
    let outcome = try Self.quietly(ResultsSuite(layout: layout, registry: testRegistry))
    let name = try #require(outcome.diverged.first)
    #expect(name.hasPrefix("moments-ring8"))
    let summary = try RunSummary.read(from: layout.summary(of: name))
    #expect(summary.status == .diverged && summary.failure?.contains("moments loss") == true && summary.metrics == nil)
    let document = try String(contentsOf: layout.url(layout.document), encoding: .utf8)
    let row = try #require(document.split(separator: "\n").first { $0.hasPrefix("| `moments`") })
    #expect(row.contains("✗ seed 0: diverged at step"), "\(row)")
    // Reused, not trained again.
    #expect(try Self.quietly(ResultsSuite(layout: layout, registry: testRegistry)).reused.contains(name))
  }

  @Test func wrongNamesAreRefusedWithTheNearestBeforeAnythingTrains() throws {
    let cases: [(edit: (inout TableSpecification) -> Void, message: String)] = [
      ({ $0.variants = ["gna"] }, "unknown variant 'gna'"),
      ({ $0.datasets = ["rign8"] }, "Did you mean 'ring8'?"),
      ({ $0.objectives = ["hinj"] }, "Did you mean 'hinge'?"),
      ({ $0.metrics = ["modes-coverd"] }, "Did you mean 'modes-covered'?"),
      ({ $0.metrics = [] }, "shows no metrics"),
    ]
    for (edit, message) in cases {
      let folder = TemporaryFolder()
      var specification = Self.specification()
      edit(&specification.tables[0])
      let layout = try Self.layout(specification, in: folder)
      #expect {
        _ = try ResultsSuite(layout: layout, registry: testRegistry)
      } throws: { error in
        "\(error)".contains(message) && "\(error)".contains("results/spec.json: table ring")
      }
      #expect(!FileManager.default.fileExists(atPath: folder.file("runs")))
    }

    // Names that exist but do not fit together stop the suite while it plans, before training.
    let folder = TemporaryFolder()
    var specification = Self.specification()
    specification.tables[0].objectives = ["non-saturating", "wasserstein"]
    let suite = try ResultsSuite(layout: try Self.layout(specification, in: folder), registry: testRegistry)
    #expect { _ = try Self.quietly(suite) } throws: { "\($0)".contains("needs a Lipschitz critic") }
    #expect(!FileManager.default.fileExists(atPath: folder.file("runs")) && !FileManager.default.fileExists(atPath: folder.file("results/summaries")))
    let intactFolder = TemporaryFolder()
    let intact = try ResultsSuite(layout: try Self.layout(Self.specification(), in: intactFolder), registry: testRegistry)
    #expect { _ = try intact.plan(only: "hingee") } throws: { "\($0)".contains("Did you mean 'hinge'?") }
    #expect(try intact.experiments(only: "hinge").count == 2)
    #expect(try intact.experiments(only: "moments").count == 1)
    #expect(try intact.experiments(only: "ring").count == 4)
  }

  @Test func aDryRunEstimatesFromMeasuredThroughputAndTrainsNothing() throws {
    let folder = TemporaryFolder()
    let layout = try Self.layout(Self.specification(seeds: [0]), in: folder)
    let suite = try ResultsSuite(layout: layout, registry: testRegistry)
    let plan = try suite.plan()
    #expect(plan.allSatisfy { $0.action == .train })
    let estimates = try suite.estimates(for: plan)
    #expect(estimates.allSatisfy { ($0?.secondsPerStep ?? 0) > 0 && $0?.source.hasPrefix("measured over") == true })
    #expect(!FileManager.default.fileExists(atPath: folder.file("runs")))

    // Once runs of a kind have finished, their own figures are the estimate.
    _ = try Self.quietly(suite)
    var longer = Self.specification(seeds: [0, 1])
    longer.tables[0].steps = 12
    let later = try ResultsSuite(layout: try Self.layout(longer, in: folder), registry: testRegistry)
    let next = try later.plan().filter { $0.action != .reuse }
    #expect(try later.estimates(for: next).allSatisfy { $0?.source.contains("finished run") == true })
  }

  /// A side-by-side record as `Tests/Fidelity/side-by-side.py` writes it, with a score report
  /// cut down to the fields the columns read.
  static func record(model: String, side: String, seed: UInt64, distance: Double, minimumShare: Double, seconds: Double) -> String {
    """
    {"model": "\(model)", "reference": "\(model)", "variant": "gan", "side": "\(side)", "schedule": "epochs1", "epochs": 1,
     "seed": \(seed), "dataset": "mnist", "sampleCount": 500, "software": "\(side == "zoo" ? "zoo abc1234" : "PyTorch 2.15.0")",
     "machine": "Test CPU", "training": {"seconds": \(seconds), "steps": 938, "batchSize": 64, "threads": 2, "command": "…"},
     "score": {"metrics": {"frechetDistance": {"distance": \(distance)}},
               "classifierJudgement": {"labelHistogram": {"minimumShare": \(minimumShare)}}}}
    """
  }

  @Test func sideBySideTablesAreRenderedFromTheirRecords() throws {
    let folder = TemporaryFolder()
    var specification = Self.specification(seeds: [0])
    specification.metrics = [
      ResultMetric(name: "score-fd", heading: "FD", report: "score", field: "metrics.frechetDistance.distance", digits: 2, better: "lower"),
      ResultMetric(name: "score-rarest", heading: "rarest digit", report: "score", field: "classifierJudgement.labelHistogram.minimumShare",
                   scale: 100, unit: "%", digits: 1, better: "higher"),
      ResultMetric(name: "training-time", heading: "training time", report: "training", field: "seconds", unit: " s", digits: 0),
    ]
    specification.sideBySide = [
      SideBySideTableSpecification(
        id: "side-by-side", title: "zoo vs PyTorch", text: ["Equal epochs."], records: "results/side-by-side", models: ["gan-mlp", "dcgan32"],
        metrics: ["score-fd", "score-rarest", "training-time"])
    ]
    let layout = try Self.layout(specification, in: folder)
    for (name, text) in [
      ("gan-mlp-zoo-epochs1-seed0", Self.record(model: "gan-mlp", side: "zoo", seed: 0, distance: 10, minimumShare: 0.05, seconds: 100)),
      ("gan-mlp-zoo-epochs1-seed1", Self.record(model: "gan-mlp", side: "zoo", seed: 1, distance: 12, minimumShare: 0.07, seconds: 110)),
      ("gan-mlp-pytorch-epochs1-seed0", Self.record(model: "gan-mlp", side: "pytorch", seed: 0, distance: 20.5, minimumShare: 0.01, seconds: 90)),
    ] {
      folder.write([UInt8](text.utf8), to: "results/side-by-side/\(name).json")
    }
    let document = try ResultsSuite(layout: layout, registry: testRegistry).render()
    #expect(document.contains("## zoo vs PyTorch\n\nEqual epochs.\n"))
    #expect(document.contains("| model | side | schedule | steps × batch | seeds | FD ↓ | rarest digit ↑ | training time | software | machine |"))
    // Mean ± sample standard deviation over the seeds: (10, 12) → 11.00 ± 1.41.
    #expect(document.contains("| `gan-mlp` | zoo `gan` | 1 epoch | 938 × 64 | 0, 1 | 11.00 ± 1.41 | 6.0 ± 1.4% | 105 ± 7 s | zoo abc1234 | m1 |"))
    #expect(document.contains("| `gan-mlp` | PyTorch `gan-mlp` | 1 epoch | 938 × 64 | 0 | 20.50 | 1.0% | 90 s | PyTorch 2.15.0 | m1 |"))
    #expect(document.contains("| `dcgan32` | not run | – | – | – | – | – | – | – | – |"))
    #expect(document.contains("| m1 | Test CPU | 2 |"))
    // Zoo before PyTorch whatever the file order.
    let zooRow = document.range(of: "| `gan-mlp` | zoo")!, pytorchRow = document.range(of: "| `gan-mlp` | PyTorch")!
    #expect(zooRow.lowerBound < pytorchRow.lowerBound)

    specification.sideBySide![0].metrics = ["score-fdd"]
    #expect { _ = try ResultsSuite(layout: try Self.layout(specification, in: folder), registry: testRegistry) } throws: {
      "\($0)".contains("table side-by-side") && "\($0)".contains("Did you mean 'score-fd'?")
    }
    specification.sideBySide![0].metrics = ["score-fd"]
    specification.sideBySide![0].id = "ring"
    #expect { _ = try ResultsSuite(layout: try Self.layout(specification, in: folder), registry: testRegistry) } throws: {
      "\($0)".contains("two tables share the id 'ring'")
    }
  }
}
