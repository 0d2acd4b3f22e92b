import ArgumentParser
import Foundation

/// The run directory a command works on.
struct RunDirectoryArgument: ParsableArguments {
  @Argument(help: "The run directory.")
  var runDirectory: String

  var url: URL { URL(fileURLWithPath: runDirectory) }
}
