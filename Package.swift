// swift-tools-version: 6.0
import PackageDescription

// The layers, bottom to top; each target knows only the ones below it.
//   C shims (_CDNNL, _CPNG, …) and the backend's C kernels (_CKernels) → TensorBackend →
//   NeuralNetworks → ZooCore → ZooEvaluation → ZooRuns → zoo
//   ImageFiles (PNG/JPEG/PGM), Datasets (loaders, procedural data) and TensorBoardEvents
//   (TensorBoard event files of scalars and images, over ImageFiles) sit beside them;
//   variants live under Zoo/, one target each, above ZooCore; the `zoo` runner knows everything.
let package = Package(
  name: "GANZoo",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "zoo", targets: ["zoo"]),
    .library(name: "TensorBackend", targets: ["TensorBackend"]),
    .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
    .library(name: "ZooCore", targets: ["ZooCore"]),
    .library(name: "TensorBoardEvents", targets: ["TensorBoardEvents"]),
    .library(name: "ImageFiles", targets: ["ImageFiles"]),
    .library(name: "Datasets", targets: ["Datasets"]),
    .library(name: "ZooEvaluation", targets: ["ZooEvaluation"]),
    .library(name: "ZooRuns", targets: ["ZooRuns"]),
    .library(name: "VanillaGAN", targets: ["VanillaGAN"]),
    .library(name: "DCGAN", targets: ["DCGAN"]),
    .library(name: "ConditionalGAN", targets: ["ConditionalGAN"]),
    .library(name: "WassersteinGAN", targets: ["WassersteinGAN"]),
    .library(name: "VAE", targets: ["VAE"]),
    .library(name: "LAPGAN", targets: ["LAPGAN"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    // C shims: system libraries from Debian's -dev packages.
    .systemLibrary(name: "_CDNNL", path: "Sources/_CDNNL", providers: [.apt(["libdnnl-dev"])]),
    .systemLibrary(name: "_CPNG", path: "Sources/_CPNG", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(name: "_CZlib", path: "Sources/_CZlib", providers: [.apt(["zlib1g-dev"])]),
    // libjpeg through a small C target: its error manager must longjmp, which Swift cannot.
    .target(name: "_CJPEG", path: "Sources/_CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),

    // The backend's C kernels: CPU features, the one worker pool, loops compiled per instruction
    // set and chosen at run time, oneDNN's plans (libgomp: oneDNN's threading, held to one
    // thread per call), and OpenBLAS, loaded at first use with its kernels named by the CPU's
    // features (Debian: libopenblas0; float64 products and LAPACK only).
    .target(name: "_CKernels", dependencies: ["_CDNNL"], path: "Sources/_CKernels", linkerSettings: [.linkedLibrary("dnnl"), .linkedLibrary("gomp"), .linkedLibrary("pthread"), .linkedLibrary("dl")]),

    // Open MPI for data-parallel training, loaded only when a launcher started the process
    // (Debian: openmpi-bin, libopenmpi-dev); nothing links it.
    .target(name: "_CMPI", path: "Sources/_CMPI", linkerSettings: [.linkedLibrary("dl")]),

    // Tensor backend: storage, op set, reverse-mode autodiff, kernels, process groups.
    .target(name: "TensorBackend", dependencies: ["_CKernels", "_CMPI"]),

    // Neural networks: layers, initializers, optimizers. Knows nothing of GANs.
    .target(name: "NeuralNetworks", dependencies: ["TensorBackend"]),

    // Zoo core: the plugin protocols, objectives, the one adversarial loop, checkpoints.
    .target(name: "ZooCore", dependencies: ["TensorBackend", "NeuralNetworks"]),

    // Image files: a plain 8-bit image value, PNG (libpng), JPEG (libjpeg) and PGM codecs, resizing.
    .target(name: "ImageFiles", dependencies: ["_CPNG", "_CJPEG"]),

    // TensorBoard event files: scalars and PNG images as TFRecord-framed Event messages. The
    // messages' Swift code is generated from Protos/TensorBoardEvent.proto and checked in, so
    // building needs only the SwiftProtobuf runtime, not protoc.
    .target(
      name: "TensorBoardEvents",
      dependencies: ["ImageFiles", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["Protos/TensorBoardEvent.proto"]),

    // Evaluation harness: sampling, sample grids, plots, metrics, and the reference classifier,
    // which trains on a dataset's labelled images and is cached under the data root (hence Datasets).
    .target(name: "ZooEvaluation", dependencies: ["TensorBackend", "NeuralNetworks", "ZooCore", "ImageFiles", "Datasets"]),

    // Datasets: loaders and procedural data (top-level folder, beside Sources and Zoo).
    .target(name: "Datasets", dependencies: ["TensorBackend", "ImageFiles", "_CZlib"], path: "Datasets", exclude: ["README.md", "figures"]),

    // Runs: specification and resolution, the run directory, seeds, dataset adapters, observers
    // (TensorBoard event files among them), training and resuming, the evaluation plan, the
    // results suite and run comparisons. Takes its variants from a registry.
    .target(name: "ZooRuns", dependencies: ["TensorBackend", "NeuralNetworks", "ZooCore", "ZooEvaluation", "Datasets", "ImageFiles", "TensorBoardEvents"]),

    // Variants: one target each under Zoo/.
    .target(name: "VanillaGAN", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/VanillaGAN", exclude: ["README.md", "figures"]),
    .target(name: "DCGAN", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/DCGAN", exclude: ["README.md", "figures"]),
    // The convolutional conditional GAN conditions DCGAN's networks: deliberate composition.
    .target(name: "ConditionalGAN", dependencies: ["DCGAN", "ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/ConditionalGAN", exclude: ["README.md", "figures"]),
    // The original WGAN trains the vanilla GAN's perceptrons and DCGAN's networks as its paper
    // does: deliberate composition.
    .target(name: "WassersteinGAN", dependencies: ["VanillaGAN", "DCGAN", "ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/WassersteinGAN", exclude: ["README.md", "figures"]),
    // LAPGAN sizes its pyramid with DCGAN's image geometry (and its errors): deliberate composition.
    .target(name: "LAPGAN", dependencies: ["DCGAN", "ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/LAPGAN", exclude: ["README.md", "figures"]),

    // The VAE decodes with the vanilla GAN's perceptron and DCGAN's generator (logits out) and
    // encodes with DCGAN's discriminator ladder: deliberate composition.
    .target(name: "VAE", dependencies: ["VanillaGAN", "DCGAN", "ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/VAE", exclude: ["README.md", "figures"]),

    // Benchmarks: the reference workloads of shared/bench/reference.py on the variants' own code.
    .target(name: "ZooBenchmarks", dependencies: ["VanillaGAN", "DCGAN", "ConditionalGAN", "LAPGAN", "VAE", "ZooCore", "NeuralNetworks", "TensorBackend"]),

    // Runner: the commands, printing, signals, and the one registry list of variants.
    .executableTarget(
      name: "zoo",
      dependencies: [
        "TensorBackend", "ZooCore", "ZooEvaluation", "ZooRuns", "ZooBenchmarks", "Datasets", "ImageFiles",
        "VanillaGAN", "DCGAN", "ConditionalGAN", "WassersteinGAN", "LAPGAN", "VAE",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // Helpers every test target may use (temporary folders, seeded bytes, the shared datasets).
    .target(name: "_TestSupport", dependencies: ["TensorBackend"]),
    // The protocols' conformance suite and golden runs, shared by every variant's tests.
    .target(name: "_ZooTestSupport", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend", "_TestSupport"]),

    .testTarget(name: "TensorBackendTests", dependencies: ["TensorBackend"]),
    .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TensorBackend", "_TestSupport"]),
    .testTarget(name: "ZooCoreTests", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend", "_TestSupport", "_ZooTestSupport"]),
    .testTarget(name: "VanillaGANTests", dependencies: ["VanillaGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend", "Datasets"]),
    .testTarget(name: "DCGANTests", dependencies: ["DCGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "ConditionalGANTests", dependencies: ["ConditionalGAN", "DCGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "LAPGANTests", dependencies: ["LAPGAN", "DCGAN", "_ZooTestSupport", "_TestSupport", "ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "WassersteinGANTests", dependencies: ["WassersteinGAN", "_ZooTestSupport", "ZooCore", "NeuralNetworks", "TensorBackend", "Datasets"]),
    .testTarget(name: "VAETests", dependencies: ["VAE", "VanillaGAN", "Datasets", "ZooRuns", "ZooEvaluation", "_ZooTestSupport", "_TestSupport", "ZooCore", "NeuralNetworks", "TensorBackend"]),
    .testTarget(
      name: "ZooRunsTests",
      dependencies: [
        "ZooRuns", "ZooEvaluation", "ZooCore", "NeuralNetworks", "TensorBackend", "Datasets", "ImageFiles", "VanillaGAN", "ConditionalGAN",
        "TensorBoardEvents", .product(name: "SwiftProtobuf", package: "swift-protobuf"), "_ZooTestSupport", "_TestSupport",
      ]),
    .testTarget(name: "RunnerTests", dependencies: ["zoo", "ZooRuns", "ZooBenchmarks", "ZooEvaluation", "Datasets", "ImageFiles", "TensorBackend", "_TestSupport"]),
    .testTarget(name: "ImageFilesTests", dependencies: ["ImageFiles", "_TestSupport"]),
    .testTarget(
      name: "TensorBoardEventsTests",
      dependencies: ["TensorBoardEvents", "ImageFiles", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TensorBackend", "ImageFiles", "_TestSupport"]),
    .testTarget(name: "ZooEvaluationTests", dependencies: ["ZooEvaluation", "ZooCore", "ImageFiles", "TensorBackend", "NeuralNetworks", "Datasets", "_TestSupport"]),
  ]
)
