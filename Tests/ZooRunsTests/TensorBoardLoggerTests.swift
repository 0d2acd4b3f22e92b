import Foundation
import Testing
import ZooRuns
@testable import TensorBoardEvents
import _TestSupport

/// Every run writes TensorBoard event files beside its loss log: each logged loss and diagnostic
/// at every step, the snapshots, and after evaluation every number of metrics.json and the final
/// samples; a resumed session marks its start. (`Tests/EndToEnd/tensorboard-reads-event-files.sh`
/// has TensorBoard's own readers read a real run.)
@Suite struct TensorBoardLoggerTests {
  @Test func aRunLogsItsLossesSnapshotsAndMetrics() throws {
    let folder = TemporaryFolder()
    let run = try RunFixtures.train(steps: 20, in: folder)
    let path = run.directory.path
    #expect(EventFiles.paths(in: path).count == 1)
    let scalars = try EventFiles.scalars(in: path)
    let losses = try #require(try RunView(run.directory.url).losses())
    for (column, tag) in [("loss_discriminator", "loss/discriminator"), ("loss_generator", "loss/generator"), ("mean_d_real", "diagnostic/mean_d_real"), ("mean_d_fake", "diagnostic/mean_d_fake")] {
      let logged = scalars.filter { $0.tag == tag }
      #expect(logged.map(\.step) == Array(1...20), "\(tag)")
      #expect(logged.map(\.value) == losses.values(of: column)!.map(Float.init), "\(tag) holds the loss log's values")
    }
    let metrics = try #require(try RunView(run.directory.url).metrics())
    let modes = scalars.filter { $0.tag == "metrics/mode-coverage/modesCovered" }
    #expect(modes.count == 1 && modes.first?.step == 20)
    if case .object(let report)? = metrics.metrics["mode-coverage"], case .number(let covered)? = report["modesCovered"] {
      #expect(modes.first?.value == Float(covered))
    } else {
      Issue.record("metrics.json has no mode coverage")
    }
    let images = try EventFiles.images(in: path)
    #expect(images.filter { $0.tag == "samples" }.map(\.step) == Array(stride(from: 2, through: 20, by: 2)))
    #expect(images.filter { $0.tag == "evaluation/samples" }.map(\.step) == [20])
  }

  @Test func aResumedSessionMarksItsStartAndRecordsItself() throws {
    let folder = TemporaryFolder()
    let specification = RunSpecification(variant: "gan", steps: 20, batchSize: 4, overrides: RunFixtures.tinyGAN, checkpointInterval: 5)
    let first = try Run.create(specification, registry: testRegistry, in: folder.url.appendingPathComponent("run"))
    var asked = 0
    let outcome = try first.train { asked += 1; return asked == 12 }
    guard case .interrupted(step: 12) = outcome else { Issue.record("\(outcome)"); return }
    first.release()
    let resumed = try Run.open(folder.url.appendingPathComponent("run"), registry: testRegistry, access: .write)
    try resumed.train()
    let files = EventFiles.paths(in: folder.file("run"))
    #expect(files.count == 2)
    let second = try EventFiles.events(atPath: files[1])
    #expect(second.first?.fileVersion == "brain.Event:2")
    #expect(second.count > 1 && second[1].sessionLog.status == .start && second[1].step == 13)
    let steps = try EventFiles.scalars(in: folder.file("run")).filter { $0.tag == "loss/generator" }.map(\.step)
    #expect(steps == Array(1...20), "each step once: the interrupted session stopped at its checkpoint")

    let sessions = try RunSessions.read(from: resumed.directory.sessions).sessions
    #expect(sessions.map(\.fromStep) == [0, 12] && sessions.map(\.toStep) == [12, 20])
    #expect(sessions.allSatisfy { $0.seconds > 0 && !$0.machine.isEmpty && $0.threads >= 1 })
  }
}
