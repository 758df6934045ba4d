import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Counts distinct `webhook-id`s received and when the first and last arrived.
final class SinkRecorder: Sendable {
    private struct State {
        var ids = Set<String>()
        var first: ContinuousClock.Instant?
        var last: ContinuousClock.Instant?
        var requests = 0
    }

    private let state = Mutex(State())

    func record(_ id: String?) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.requests += 1
            if let id, state.ids.insert(id).inserted {
                state.first = state.first ?? now
                state.last = now
            }
        }
    }

    var distinct: Int { state.withLock { $0.ids.count } }
    var requests: Int { state.withLock { $0.requests } }
    var window: Duration? { state.withLock { state in state.first.flatMap { first in state.last.map { $0 - first } } } }
}

/// A minimal keep-alive HTTP/1.1 receiver on 127.0.0.1 answering 204 to every request.
enum WebhookSinkServer {
    static func start(recorder: SinkRecorder) async throws -> (any Channel, Int) {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1_024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(SinkHandler(recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return (channel, channel.localAddress?.port ?? 0)
    }
}

private final class SinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let recorder: SinkRecorder
    private var keepAlive = true

    init(recorder: SinkRecorder) { self.recorder = recorder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            keepAlive = head.isKeepAlive
            recorder.record(head.headers.first(name: "webhook-id"))
        case .body:
            break
        case .end:
            var headers = HTTPHeaders()
            headers.add(name: "content-length", value: "0")
            if !keepAlive { headers.add(name: "connection", value: "close") }
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .noContent, headers: headers))),
                promise: nil)
            let close = !keepAlive
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if close { loopBound.value.close(promise: nil) }
            }
        }
    }
}
