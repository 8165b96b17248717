import Foundation
import Testing

@testable import Attention

/// torch-training-reference.json (made by PyTorch 2.13 with
/// /work/shared/tools/make_training_reference.py; semantics in training-semantics.md), or the
/// file named by the environment variable `TORCH_TRAINING_REFERENCE`: the same tests then check
/// other seeds, shapes and lengths written in the same format. Nothing about a particular file
/// (seeds, epochs, sizes, prompts) is assumed here; everything is read from it.
enum TrainingReference {
    static let json: JSON = {
        let url: URL
        if let path = ProcessInfo.processInfo.environment["TORCH_TRAINING_REFERENCE"], !path.isEmpty {
            url = URL(fileURLWithPath: path)
        } else if let bundled = Bundle.module.url(
            forResource: "torch-training-reference", withExtension: "json", subdirectory: "Fixtures")
        {
            url = bundled
        } else {
            fatalError("Fixtures/torch-training-reference.json is missing from the test bundle")
        }
        do {
            return try JSONDecoder().decode(JSON.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// One of the four sections: statquest_decoder, gradients, optimizers, tiny_gpt_training.
    static func section(_ name: String) -> JSON { json[name] }
}

/// The tolerances of training-semantics.md §5, `|actual − reference| ≤ atol + rtol·|reference|`.
struct Tolerance: CustomStringConvertible {
    var atol: Float
    var rtol: Float = 0

    var description: String { rtol == 0 ? "atol \(atol)" : "atol \(atol), rtol \(rtol)" }
}

/// Expects `actual` to have `reference`'s shape and every element within `tolerance` (the
/// library's `isClose`, i.e. `torch.isclose`); returns the largest |actual − reference| so tests
/// can report it (infinity when the shapes differ).
@discardableResult
func expectClose(
    _ actual: Tensor, _ reference: Tensor, _ tolerance: Tolerance, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Float {
    guard actual.shape == reference.shape else {
        Issue.record("\(what): shape \(actual.shape), reference \(reference.shape)", sourceLocation: sourceLocation)
        return .infinity
    }
    let close = actual.isClose(reference, rtol: tolerance.rtol, atol: tolerance.atol, equalNaN: true)
    let largest = zip(actual.scalars, reference.scalars).reduce(Float(0)) { largest, pair in
        pair.0 == pair.1
            ? largest : Swift.max(largest, Swift.abs(pair.0 - pair.1).isNaN ? .infinity : Swift.abs(pair.0 - pair.1))
    }
    #expect(
        close.values.allSatisfy { $0 },
        "\(what): max |Δ| = \(largest) exceeds \(tolerance)\nactual:    \(actual)\nreference: \(reference)",
        sourceLocation: sourceLocation)
    return largest
}

/// The largest error of each kind a test saw, printed as one line per kind at the end of the
/// test (these figures go into reports; the expectations themselves are in `expectClose`).
struct ErrorReport {
    private var largest: [(what: String, error: Float, tolerance: Tolerance)] = []

    mutating func record(_ what: String, _ error: Float, _ tolerance: Tolerance) {
        if let index = largest.firstIndex(where: { $0.what == what }) {
            largest[index].error = Swift.max(largest[index].error, error)
        } else {
            largest.append((what, error, tolerance))
        }
    }

    func print(_ section: String) {
        for entry in largest {
            Swift.print("[\(section)] \(entry.what): max |Δ| \(entry.error) (\(entry.tolerance))")
        }
    }
}

extension JSON {
    var bool: Bool {
        switch self {
        case .bool(let value): return value
        case .number(let value): return value != 0
        default: fatalError("reference JSON: \(self) is not a boolean")
        }
    }

    /// Nested arrays of integers, flattened in row-major order.
    var ints: [Int] {
        if case .array(let elements) = self { return elements.flatMap(\.ints) }
        return [int]
    }

    /// The keys of an object.
    var keys: [String] {
        guard case .object(let members) = self else { fatalError("reference JSON: \(self) is not an object") }
        return Array(members.keys)
    }
}

/// Whether `name` is the packed in_proj_bias of an `nn.MultiheadAttention`, whose key third has an
/// exact gradient of 0 and after training holds rounding noise (training-semantics.md §2).
func isPackedInProjectionBias(_ name: String) -> Bool { name.hasSuffix("in_proj_bias") }

/// The in_proj_bias without its key third `[D, 2D)`, for comparisons after training.
func withoutKeyThird(_ bias: Tensor) -> Tensor {
    let parts = bias.split(count: 3, along: 0)
    return Tensor.concatenated([parts[0], parts[2]], along: 0)
}
