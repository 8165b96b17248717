/// The options written after `swift-attn` in a fence's info string, checked before anything runs.
public struct BlockOptions: Sendable, Hashable, Codable {
    /// `hide`: run the block, don't show its code.
    public var hidesCode = false
    /// `no-output`: show the code, not its results.
    public var hidesOutput = false
    /// `should-fail`: the block must fail to compile or trap; the failure is what the page shows.
    public var shouldFail = false
    /// `timeout=SECONDS`: how long this block may run.
    public var timeout: Double?

    public init(hidesCode: Bool = false, hidesOutput: Bool = false, shouldFail: Bool = false, timeout: Double? = nil) {
        self.hidesCode = hidesCode
        self.hidesOutput = hidesOutput
        self.shouldFail = shouldFail
        self.timeout = timeout
    }
}
