// swift-tools-version: 6.0
import PackageDescription

// The pipeline, one module per step, dependencies pointing one way:
//   Markdown (cmark-gfm) → NoteModel → SiteRendering → NotesKit → notesgen
// Attention, NoteResults and NoteRuntime are also compiled by notesgen itself into every
// note's program, so they depend on nothing but Foundation (and each other).
let package = Package(
    name: "notesgen",
    // Linux only: the notes' library is built as `.so` files with `-soname`, and notesgen reads
    // /proc and spawns its children with glibc's posix_spawn extensions.
    products: [
        .library(name: "Attention", targets: ["Attention"]),
        .executable(name: "notesgen", targets: ["notesgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `notesgen serve`'s HTTP server: small, no dependencies of its own (adds ~40 s to a cold
        // build on 2 cores; Hummingbird, with SwiftNIO, adds minutes).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // The attention library: tensors, PyTorch's RNG, layers, attention. Foundation only.
        .target(name: "Attention"),
        // What a block shows (tables, heatmaps, text) and how it travels from a note's program.
        .target(name: "NoteResults"),
        // Linked into every note's program: `show`, `heatmap`, the result channel.
        // Swift 5 mode: it flushes and buffers C's `stdout`, a global Swift 6 cannot prove safe.
        .target(
            name: "NoteRuntime", dependencies: ["Attention", "NoteResults"],
            swiftSettings: [.swiftLanguageMode(.v5)]),

        // cmark-gfm, the C library; only the Markdown module imports it.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .target(name: "NoteModel", dependencies: ["Markdown", "NoteResults"]),
        .target(name: "SiteRendering", dependencies: ["NoteModel"]),
        .target(
            name: "NotesKit",
            dependencies: [
                "NoteModel", "SiteRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        .executableTarget(name: "notesgen", dependencies: ["NotesKit"]),

        .testTarget(name: "AttentionTests", dependencies: ["Attention"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        // Golden figures, read from the source tree (`FigureGoldenTests`).
        .testTarget(name: "SiteRenderingTests", dependencies: ["SiteRendering"], exclude: ["Fixtures"]),
        // What both test targets share: the one cache of the test process.
        .target(name: "NotesTestSupport", dependencies: ["NotesKit"], path: "Tests/NotesTestSupport"),
        .testTarget(
            name: "NotesKitTests", dependencies: ["NotesKit", "NotesTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DocTests", dependencies: ["NotesKit", "NotesTestSupport"]),
    ]
)
