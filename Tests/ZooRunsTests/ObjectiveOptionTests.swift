import Foundation
import Testing
import ZooCore
@testable import ZooRuns
import _TestSupport

/// `--objective name:key=value,…`: options reach the objective, defaults fill the rest per kind of
/// data, the run records every option, and mistakes are usage errors that name the valid keys.
@Suite struct ObjectiveOptionTests {
  let points = DataDescription(kind: .points, sampleShape: [2])
  let images = DataDescription(kind: .images, sampleShape: [1, 8, 8], valueRange: -1...1)

  func penaltyWeight(_ objective: any Objective) -> Double? {
    (objective as? WassersteinGradientPenaltyObjective)?.penaltyWeight
  }

  /// The message of the usage error `text` raises, or a note that it raised none.
  func failure(_ text: String) -> String {
    do {
      _ = try testRegistry.objective(text)
      return "no error for \(text)"
    } catch let error as UsageError {
      return error.description
    } catch {
      return "not a usage error: \(error)"
    }
  }

  @Test func optionsReachTheObjectiveAndTheRecordedTextRebuildsIt() throws {
    let given = try testRegistry.objective("wgan-gp:lambda=0.25").resolved(for: points)
    #expect(penaltyWeight(given.objective) == 0.25)
    #expect(given.text == "wgan-gp:lambda=0.25")
    let rebuilt = try testRegistry.objective(given.text).resolved(for: images)
    #expect(penaltyWeight(rebuilt.objective) == 0.25 && rebuilt.text == given.text)
    #expect(try testRegistry.objective("wgan-gp:lambda=7").resolved(for: images).text == "wgan-gp:lambda=7")
  }

  @Test func unsetOptionsTakeTheObjectivesDefaultsForTheData() throws {
    let onImages = try testRegistry.objective("wgan-gp").resolved(for: images)
    #expect(penaltyWeight(onImages.objective) == 10 && onImages.text == "wgan-gp:lambda=10")
    let onPoints = try testRegistry.objective("wgan-gp").resolved(for: points)
    let expected = try #require(WassersteinGradientPenaltyObjective.defaultOptionValues(for: points)["lambda"])
    #expect(penaltyWeight(onPoints.objective) == expected)
    #expect(onPoints.text == "wgan-gp:lambda=\(ObjectiveSpecification.format(expected))")
    // Objectives without options are recorded by their bare names, as before options existed.
    for objective in testRegistry.objectives where objective.options.isEmpty {
      #expect(try testRegistry.objective(objective.name).resolved(for: points).text == objective.name)
    }
  }

  @Test func mistakesAreUsageErrorsNamingTheValidKeys() {
    let unknown = failure("wgan-gp:lamda=1")
    #expect(unknown.contains("unknown option 'lamda' for objective wgan-gp; valid options: lambda") && unknown.contains("Did you mean 'lambda'?"), "\(unknown)")
    for bad in ["abc", "-1", "nan", "inf", "1e7"] {
      let message = failure("wgan-gp:lambda=\(bad)")
      #expect(message.contains("objective option lambda=\(bad) for wgan-gp must be a number in 0...1000000"), "\(message)")
    }
    #expect(failure("wgan-gp:lambda").contains("objective option 'lambda' in 'wgan-gp:lambda' is not key=value"))
    #expect(failure("wgan-gp:lambda=1,lambda=2").contains("objective option 'lambda' given twice"))
    let optionless = failure("hinge:lambda=1")
    #expect(optionless.contains("objective hinge takes no options, got 'lambda=1'"), "\(optionless)")
    #expect(failure("wgan:lambda=1").contains("unknown objective 'wgan'") && failure("wgan:lambda=1").contains("Did you mean 'wgan-gp'?"))
  }

  @Test func defaultRunFolderNamesHoldNoColons() {
    #expect(ObjectiveSpecification.runName(for: "wgan-gp:lambda=0.1") == "wgan-gp-lambda0.1")
    #expect(ObjectiveSpecification.runName(for: "hinge") == "hinge")
  }

  /// A run records the objective with its options and reopens with the same one.
  @Test func runsRecordAndReopenTheirObjectiveOptions() throws {
    let folder = TemporaryFolder()
    let directory = folder.url.appendingPathComponent("run")
    let specification = RunSpecification(variant: "gan", objective: "wgan-gp:lambda=0.5", steps: 1, batchSize: 4, overrides: RunFixtures.tinyGAN)
    let run = try Run.create(specification, registry: testRegistry, in: directory)
    #expect(run.configuration.objective == "wgan-gp:lambda=0.5")
    #expect(penaltyWeight(run.objective!) == 0.5)
    run.release()
    let reopened = try Run.open(directory, registry: testRegistry)
    #expect(reopened.configuration.objective == "wgan-gp:lambda=0.5" && penaltyWeight(reopened.objective!) == 0.5)
    var other = specification
    other.objective = "least-squares:lambda=1"
    #expect(throws: UsageError.self) {
      _ = try Run.create(other, registry: testRegistry, in: folder.url.appendingPathComponent("other"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.file("other")), "a refused start leaves no directory")
  }

  /// An objective that needs a Lipschitz critic is refused for a variant that does not keep its
  /// critic so, naming the variants that do.
  @Test func lipschitzObjectivesNeedAVariantThatKeepsTheCriticLipschitz() throws {
    #expect {
      _ = try Run.create(RunSpecification(variant: "gan", objective: "wasserstein", steps: 1), registry: testRegistry, in: TemporaryFolder().url)
    } throws: { "\($0)".contains("objective wasserstein needs a Lipschitz critic, which gan does not keep") }
  }
}
