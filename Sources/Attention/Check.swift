/// Stops the program with `message` when `condition` is false: the library's way of
/// rejecting shapes that do not fit (`matmul: [3, 2] × [3, 2]: inner dimensions 2 and 3 differ`).
///
/// It is `precondition` that keeps its message in optimised builds: Swift's own `precondition`
/// prints nothing under `-O`, and the programs notes compile need to say which shapes disagreed.
/// The message reads "Fatal error: …" with the caller's file and line.
@inline(__always)
func check(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() {
        fatalError(message(), file: file, line: line)
    }
}
