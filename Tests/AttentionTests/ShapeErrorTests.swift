import Foundation
import Testing

@testable import Attention

/// Shape mistakes stop the program with a message that shows the shapes; these run the
/// failing call in a child process and read what it printed.
@Suite("Shape errors name the shapes")
struct ShapeErrorTests {
    @Test func matmulInnerDimensionsDiffer() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.zeros([3, 2]), Tensor.zeros([3, 2]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("matmul: [3, 2] × [3, 2]: inner dimensions 2 and 3 differ"))
    }

    @Test func broadcastingMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("+: shapes [2, 3] and [4] cannot be broadcast"))
    }

    @Test func maskAndIsCausalTogether() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor.zeros([2, 4])
            _ = scaledDotProductAttention(query: x, key: x, value: x, mask: .causal, isCausal: true)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("Explicit attn_mask should not be set when is_causal=True"))
    }
}
