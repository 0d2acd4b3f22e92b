import ArgumentParser

/// `--data-root`, which every command reading downloaded data takes.
struct DataRootOption: ParsableArguments {
  @Option(name: .customLong("data-root"), help: "The folder holding downloaded datasets and cached classifiers (default: $GAN_ZOO_DATA, else ./data).")
  var dataRoot: String?
}
