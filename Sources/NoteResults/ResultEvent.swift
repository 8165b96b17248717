import Foundation

/// One line of the result channel: what a note's program tells notesgen while it runs.
///
/// The program appends one JSON object per line to the file named by the environment variable
/// `NOTESGEN_RESULTS`. `stdoutOffset` is how many bytes the program had written to its standard
/// output at that moment, so notesgen can cut the captured output into each block's text.
public struct ResultEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The block `block` starts running.
        case begin
        /// The block `block` showed `output`.
        case output
        /// The program finished every block.
        case end
        /// The program trapped in block `block`; `frames` locate the call in its executable.
        case trap
    }

    public var kind: Kind
    public var block: Int
    public var stdoutOffset: Int
    public var output: BlockOutput?
    /// For `trap`: offsets into the program's executable of the return addresses on the stack,
    /// innermost first.
    public var frames: [Int]?

    public init(kind: Kind, block: Int, stdoutOffset: Int, output: BlockOutput? = nil, frames: [Int]? = nil) {
        self.kind = kind
        self.block = block
        self.stdoutOffset = stdoutOffset
        self.output = output
        self.frames = frames
    }

    /// The environment variable naming the file the events go to.
    public static let environmentVariable = "NOTESGEN_RESULTS"

    /// JSON without whitespace; NaN and infinities as the strings "nan", "inf", "-inf".
    public func encodedLine() throws -> Data {
        var data = try Self.encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// The exit status of a program that could not write its results or its printed output
    /// (a full disk): what it showed is lost, so the run is an error, not an empty result.
    public static let channelFailureStatus: Int32 = 86

    /// Decodes every complete line of a result file. A partial last line (the program is still
    /// writing it) is ignored, unless `complete`: then the file is final and a partial line
    /// means a write was cut short (a full disk), an error.
    public static func decodeLines(_ data: Data, complete: Bool = false) throws -> [ResultEvent] {
        var events: [ResultEvent] = []
        var lineStart = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            events.append(try decoder.decode(ResultEvent.self, from: data[lineStart..<index]))
            lineStart = index + 1
        }
        if complete && lineStart != data.endIndex {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "the last line is cut short"))
        }
        return events
    }

    private static let encoder = JSONCoding.encoder()
    private static let decoder = JSONCoding.decoder()
}
