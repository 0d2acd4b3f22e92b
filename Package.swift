// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "GANZoo",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "TensorBackend", targets: ["TensorBackend"]),
    .executable(name: "zoo", targets: ["zoo"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // C shims: system libraries from Debian's -dev packages.
    .systemLibrary(
      name: "_CBLAS", path: "Sources/_CBLAS",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "_CPNG", path: "Sources/_CPNG",
      providers: [.apt(["libpng-dev"])]),

    // Tensor backend: storage, op set, reverse-mode autodiff, kernels.
    .target(name: "TensorBackend", dependencies: ["_CBLAS"]),

    // Image files: a plain 8-bit image value, PNG (libpng) and PGM codecs.
    .target(name: "ImageFiles", dependencies: ["_CPNG"]),

    // Evaluation harness: sample grids, plots, metrics.
    .target(name: "ZooEvaluation", dependencies: ["TensorBackend", "ImageFiles"]),

    // Datasets: loaders and procedural data (top-level folder, beside Sources and Zoo).
    .target(name: "Datasets", dependencies: ["TensorBackend"], path: "Datasets", exclude: ["README.md"]),

    // Runner.
    .executableTarget(
      name: "zoo",
      dependencies: [
        "TensorBackend",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .testTarget(name: "TensorBackendTests", dependencies: ["TensorBackend"]),
    .testTarget(name: "ImageFilesTests", dependencies: ["ImageFiles"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorBackend"]),
    .testTarget(name: "ZooEvaluationTests", dependencies: ["ZooEvaluation", "ImageFiles", "TensorBackend", "Datasets"]),
  ]
)
