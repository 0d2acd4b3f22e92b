import ArgumentParser

/// How long a throughput measurement times: its windows, as `shared/bench/reference.py` does.
struct MeasurementOptions: ParsableArguments {
  @Option(help: "Timing windows; the median of their rates is reported.")
  var windows = 5

  @Option(name: .customLong("window-seconds"), help: "The least length of a window (default: 2 for models, 1 for datasets).")
  var windowSeconds: Double?
}
