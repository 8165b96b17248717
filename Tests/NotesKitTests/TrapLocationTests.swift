import Testing

@testable import NotesKit

/// A trap's line comes from the symbolizer's answer for the program's frames.
@Suite struct TrapLocationTests {
    @Test func llvmAndGNUStyleLocationsOfTheNoteGiveItsLine() {
        #expect(TrapLocation.line(in: "/work/main/Notes/3_Trap.md:13:22", of: "Notes/3_Trap.md") == 13)
        #expect(TrapLocation.line(in: "Notes/3_Trap.md:13", of: "Notes/3_Trap.md") == 13)
        #expect(TrapLocation.line(in: "/abs/Notes/2_Type Error.md:7:1", of: "Notes/2_Type Error.md") == 7)
    }

    @Test func framesOutsideTheNoteAreSkipped() {
        #expect(
            TrapLocation.line(in: "/work/main/Sources/Attention/Tensor+MatMul.swift:37:9", of: "Notes/3_Trap.md") == nil
        )
        #expect(TrapLocation.line(in: "/elsewhere/Notes/3_Trap.md.swift:4:1", of: "Notes/3_Trap.md") == nil)
        #expect(TrapLocation.line(in: "??:0:0", of: "Notes/3_Trap.md") == nil)
        #expect(TrapLocation.line(in: "main", of: "Notes/3_Trap.md") == nil)
    }
}
