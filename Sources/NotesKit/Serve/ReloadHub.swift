import FlyingSocks
import Foundation

/// The open pages' event streams (`/__notesgen/events`, server-sent events): each page learns
/// the site's generation when it connects and again after every build that changes it, and
/// reloads when it differs from the generation it was served with.
///
/// Telling the generation on connect closes the gap between a page's load and its subscription:
/// a build that finished in between still reloads the page.
final class ReloadHub: @unchecked Sendable {
    /// Where pages subscribe; no file of the site is there (pages are `<slug>.html`, assets in `assets/`).
    static let path = "/__notesgen/events"

    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Data>.Continuation] = [:]

    /// How many pages are listening.
    var count: Int {
        lock.withLock { subscribers.count }
    }

    /// A new page's stream: a reconnect delay, then the current generation.
    func subscribe(generation: Int) -> EventStream {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        // The server drops the stream when the page goes away (its socket fails); forget it then.
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
        }
        continuation.yield(Data("retry: 500\n\n".utf8))
        continuation.yield(Self.reloadEvent(generation))
        lock.withLock { subscribers[id] = continuation }
        return EventStream(chunks: stream)
    }

    /// Tells every open page the new generation.
    func broadcast(generation: Int) {
        send(Self.reloadEvent(generation))
    }

    /// A comment line: writing it is how a page that went away without closing is noticed.
    func ping() {
        send(Data(": ping\n\n".utf8))
    }

    static func reloadEvent(_ generation: Int) -> Data {
        Data("event: reload\ndata: \(generation)\n\n".utf8)
    }

    private func send(_ data: Data) {
        for continuation in lock.withLock({ Array(subscribers.values) }) { continuation.yield(data) }
    }
}

/// One page's events as the bytes of an HTTP body that never ends (until the page goes away).
///
/// FlyingFox streams a body of unknown length with chunked encoding, writing each buffer this
/// sequence returns as soon as it has it: one event, one chunk.
struct EventStream: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let chunks: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: chunks.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            while pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = Array(chunk)
            }
            let buffer = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(buffer.count)
            return buffer
        }
    }
}
