import Foundation
import Testing
import ZooCore
@testable import zoo

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
      _ = try Registry.objective(text)
      return "no error for \(text)"
    } catch let error as UsageError {
      return error.description
    } catch {
      return "not a usage error: \(error)"
    }
  }

  @Test func optionsReachTheObjectiveAndTheRecordedTextRebuildsIt() throws {
    let given = try Registry.objective("wgan-gp:lambda=0.25").resolved(for: points)
    #expect(penaltyWeight(given.objective) == 0.25)
    #expect(given.text == "wgan-gp:lambda=0.25")
    let rebuilt = try Registry.objective(given.text).resolved(for: images)
    #expect(penaltyWeight(rebuilt.objective) == 0.25 && rebuilt.text == given.text)
    #expect(try Registry.objective("wgan-gp:lambda=7").resolved(for: images).text == "wgan-gp:lambda=7")
  }

  @Test func unsetOptionsTakeTheObjectivesDefaultsForTheData() throws {
    let onImages = try Registry.objective("wgan-gp").resolved(for: images)
    #expect(penaltyWeight(onImages.objective) == 10 && onImages.text == "wgan-gp:lambda=10")
    let onPoints = try Registry.objective("wgan-gp").resolved(for: points)
    let expected = try #require(WassersteinGradientPenaltyObjective.defaultOptionValues(for: points)["lambda"])
    #expect(penaltyWeight(onPoints.objective) == expected)
    #expect(onPoints.text == "wgan-gp:lambda=\(ObjectiveSpecification.format(expected))")
    // Objectives without options are recorded by their bare names, as before options existed.
    for objective in allObjectives where objective.options.isEmpty {
      #expect(try Registry.objective(objective.name).resolved(for: points).text == objective.name)
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
    let folder = RunnerTemporaryFolder()
    let directory = URL(fileURLWithPath: folder.file("run"))
    let session = try RunSession.create(
      variant: "gan", dataset: "ring8", objective: "wgan-gp:lambda=0.5", steps: 1, batchSize: 4, seed: 0, overrides: SampleOutputTests.tiny,
      directory: directory, sampleInterval: nil, checkpointInterval: nil, commandLine: [])
    #expect(session.configuration.objective == "wgan-gp:lambda=0.5")
    #expect(penaltyWeight(session.objective) == 0.5)
    let reopened = try RunSession.open(directory)
    #expect(reopened.configuration.objective == "wgan-gp:lambda=0.5" && penaltyWeight(reopened.objective) == 0.5)
    #expect(throws: UsageError.self) {
      _ = try RunSession.create(
        variant: "gan", dataset: "ring8", objective: "least-squares:lambda=1", steps: 1, batchSize: 4, seed: 0, overrides: [],
        directory: URL(fileURLWithPath: folder.file("other")), sampleInterval: nil, checkpointInterval: nil, commandLine: [])
    }
  }
}
