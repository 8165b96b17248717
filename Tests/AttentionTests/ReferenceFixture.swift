import Foundation
import Testing

@testable import Attention

/// A parsed JSON value. The reference file writes non-finite numbers as the strings "inf",
/// "-inf" and "nan" (JSON has no literal for them); `number` and `tensor` read those back.
enum JSON: Sendable, Decodable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    subscript(key: String) -> JSON {
        guard case .object(let members) = self, let value = members[key] else {
            fatalError("reference JSON: no member \"\(key)\"")
        }
        return value
    }

    /// The member `key` if present and not null.
    func optional(_ key: String) -> JSON? {
        guard case .object(let members) = self, let value = members[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    var array: [JSON] {
        guard case .array(let elements) = self else { fatalError("reference JSON: \(self) is not an array") }
        return elements
    }

    var string: String {
        guard case .string(let text) = self else { fatalError("reference JSON: \(self) is not a string") }
        return text
    }

    /// A number, reading "inf", "-inf" and "nan" as the non-finite values.
    var number: Double {
        switch self {
        case .number(let value): return value
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        case .string("nan"): return .nan
        default: fatalError("reference JSON: \(self) is not a number")
        }
    }

    var int: Int { Int(number) }

    /// Nested arrays of numbers as a tensor; the shape is the nesting (a number is 0-D).
    var tensor: Tensor {
        var shape = [Int]()
        var level = self
        while case .array(let elements) = level {
            shape.append(elements.count)
            guard let first = elements.first else { break }
            level = first
        }
        var scalars = [Float]()
        func collect(_ value: JSON) {
            if case .array(let elements) = value {
                elements.forEach(collect)
            } else {
                scalars.append(Float(value.number))
            }
        }
        collect(self)
        return Tensor(shape: shape, scalars: scalars)
    }

    /// Nested arrays of 0/1 numbers as a mask (1 = true).
    var mask: Mask {
        let numbers = tensor
        return Mask(shape: numbers.shape, values: numbers.scalars.map { $0 != 0 })
    }
}

enum Reference {
    /// torch-reference.json, made by PyTorch 2.15 (see /work/shared/tools/make_reference.py).
    static let json: JSON = {
        guard
            let url = Bundle.module.url(forResource: "torch-reference", withExtension: "json", subdirectory: "Fixtures")
        else { fatalError("Fixtures/torch-reference.json is missing from the test bundle") }
        do {
            return try JSONDecoder().decode(JSON.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// The reference cases of one section.
    static func cases(_ section: String) -> [JSON] { json[section].array }
}

/// Expects `actual` to have `expected`'s shape and every value close to it by the library's own
/// rule, PyTorch's `isclose`: |a − e| ≤ atol + rtol·|e| (NaN equal to NaN, infinities to
/// themselves). `tolerance` is both atol and rtol unless they are given.
func expectClose(
    _ actual: Tensor, _ expected: Tensor, tolerance: Float = 1e-5, rtol: Float? = nil, atol: Float? = nil,
    _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.shape == expected.shape else {
        Issue.record("\(what): shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    let (rtol, atol) = (rtol ?? tolerance, atol ?? tolerance)
    let close = actual.isClose(expected, rtol: rtol, atol: atol, equalNaN: true).values
    let largest = zip(actual.scalars, expected.scalars).map { Swift.abs($0 - $1) }.filter(\.isFinite).max() ?? 0
    #expect(
        close.allSatisfy { $0 },
        "\(what): \(close.filter { !$0 }.count) values differ by more than \(atol) + \(rtol)·|expected| (largest difference \(largest))\nactual:   \(actual)\nexpected: \(expected)",
        sourceLocation: sourceLocation)
}

/// Expects `actual` to match a table printed to 4 decimals, as the course prints them: every
/// value within half a unit of the 4th decimal (plus a hair for float rounding) of the printed
/// one; huge values such as −1e9 relatively.
func expectRounded(
    _ actual: Tensor, _ expected: [[Float]], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(actual, Tensor(expected), rtol: 1e-6, atol: 0.5e-4 + 1e-6, what, sourceLocation: sourceLocation)
}
