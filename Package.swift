// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "GANZoo",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "TensorBackend", targets: ["TensorBackend"]),
    .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
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

    // Tensor backend: storage, op set, reverse-mode autodiff, kernels.
    .target(name: "TensorBackend", dependencies: ["_CBLAS"]),

    // Neural networks: layers, initializers, optimizers. Knows nothing of GANs.
    .target(name: "NeuralNetworks", dependencies: ["TensorBackend"]),

    // Zoo core: the plugin protocols, objectives, the one training loop, runs and checkpoints.
    .target(name: "ZooCore", dependencies: ["TensorBackend", "NeuralNetworks"]),

    // Variants: one target each under Zoo/.
    .target(name: "VanillaGAN", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"], path: "Zoo/VanillaGAN", exclude: ["README.md"]),

    // Runner.
    .executableTarget(
      name: "zoo",
      dependencies: [
        "TensorBackend", "NeuralNetworks", "ZooCore", "VanillaGAN",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // The protocols' conformance suite, shared by every variant's tests.
    .target(name: "_ZooTestSupport", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"]),

    .testTarget(name: "TensorBackendTests", dependencies: ["TensorBackend"]),
    .testTarget(name: "NeuralNetworksTests", dependencies: ["NeuralNetworks", "TensorBackend"]),
    .testTarget(name: "ZooCoreTests", dependencies: ["ZooCore", "NeuralNetworks", "TensorBackend"]),
  ]
)
