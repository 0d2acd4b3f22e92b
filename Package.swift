// swift-tools-version: 6.0
import PackageDescription

// The layers, bottom to top; each target knows only the ones below it.
//   C shims (_CBLAS, _CPNG) → TensorBackend → NeuralNetworks → ZooCore → ZooEvaluation
//   ImageFiles (PNG/PGM), Datasets (loaders, procedural data) sit beside them;
//   variants live under Zoo/, one target each; the `zoo` runner knows everything.
let package = Package(
  name: "GANZoo",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "zoo", targets: ["zoo"]),
    .library(name: "TensorBackend", targets: ["TensorBackend"]),
    .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
    .library(name: "ZooCore", targets: ["ZooCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // C shims: system libraries from Debian's -dev packages.
    .systemLibrary(name: "_CBLAS", path: "Sources/_CBLAS", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "_CPNG", path: "Sources/_CPNG", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(name: "_CZlib", path: "Sources/_CZlib", providers: [.apt(["zlib1g-dev"])]),
    // LAPACK's symmetric eigensolver, from the same OpenBLAS (it ships LAPACK without a header).
    .systemLibrary(name: "_CLAPACK", path: "Sources/_CLAPACK", providers: [.apt(["libopenblas-dev"])]),
    // libjpeg through a small C target: its error manager must longjmp, which Swift cannot.
    .target(name: "_CJPEG", path: "Sources/_CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),

    // Tensor backend: storage, op set, reverse-mode autodiff, kernels.
    .target(name: "TensorBackend", dependencies: ["_CBLAS"]),

    // Neural networks: layers, initializers, optimizers. Knows nothing of GANs.
    .target(name: "NeuralNetworks", dependencies: ["TensorBackend"]),

    // Zoo core: the plugin protocols, objectives, the one training loop, runs and checkpoints.
    .target(name: "ZooCore", dependencies: ["TensorBackend", "NeuralNetworks"]),

    // Image files: a plain 8-bit image value, PNG (libpng), JPEG (libjpeg) and PGM codecs, resizing.
    .target(name: "ImageFiles", dependencies: ["_CPNG", "_CJPEG"]),

    // Evaluation harness: sample grids, plots, metrics, and the reference classifier, which
    // trains on a dataset's labelled images and is cached under the data root (hence Datasets).
    .target(name: "ZooEvaluation", dependencies: ["TensorBackend", "NeuralNetworks", "ZooCore", "ImageFiles", "Datasets", "_CLAPACK"]),

    // Datasets: loaders and procedural data (top-level folder, beside Sources and Zoo).
    .target(name: "Datasets", dependencies: ["TensorBackend", "ImageFiles", "_CZlib"], path: "Datasets", exclude: ["README.md", "figures"]),

    // Variants: one target each under Zoo/.
    .target(name: "VanillaGAN", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/VanillaGAN", exclude: ["README.md", "figures"]),
    .target(name: "DCGAN", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/DCGAN", exclude: ["README.md", "figures"]),
    // The convolutional conditional GAN conditions DCGAN's networks: deliberate composition.
    .target(name: "ConditionalGAN", dependencies: ["DCGAN", "ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/ConditionalGAN", exclude: ["README.md", "figures"]),

    // Runner: the commands and the one registry list of variants.
    .executableTarget(
      name: "zoo",
      dependencies: [
        "TensorBackend", "NeuralNetworks", "ZooCore", "ZooEvaluation", "Datasets", "ImageFiles", "VanillaGAN",
        "DCGAN", "ConditionalGAN",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // The protocols' conformance suite, shared by every variant's tests.
    .target(name: "_ZooTestSupport", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"]),

    .testTarget(name: "TensorBackendTests", dependencies: ["TensorBackend"]),
    .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "ZooCoreTests", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "VanillaGANTests", dependencies: ["VanillaGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend", "Datasets"]),
    .testTarget(name: "DCGANTests", dependencies: ["DCGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "ConditionalGANTests", dependencies: ["ConditionalGAN", "DCGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "RunnerTests", dependencies: ["zoo", "Datasets", "ImageFiles", "TensorBackend"]),
    .testTarget(name: "ImageFilesTests", dependencies: ["ImageFiles"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorBackend", "ImageFiles"]),
    .testTarget(name: "ZooEvaluationTests", dependencies: ["ZooEvaluation", "ZooCore", "ImageFiles", "TensorBackend", "NeuralNetworks", "Datasets"]),
  ]
)
