public import HTTPTypes
public import Hummingbird
public import LoupeDomain
import NIOCore

/// Reading JSON request bodies with a size limit, UTF-8 and syntax checks that name the problem.
public enum JSONBody {
    /// The body parsed as JSON; an empty body is an error naming `body`.
    public static func read(_ request: Request, limit: Int = 1 << 20) async throws -> JSONValue {
        try await readMeasured(request, limit: limit).value
    }

    /// The body parsed as JSON, with its size in bytes (a large one was parsed on `LargeWork`).
    public static func readMeasured(_ request: Request, limit: Int = 1 << 20) async throws -> (
        value: JSONValue, bytes: Int
    ) {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let error where error is NIOTooManyBytesError || (error as? HTTPError)?.status == .contentTooLarge {
            throw DomainError(
                .payloadTooLarge, "the body is larger than \(limit) bytes",
                details: [.init(path: "", reason: "must be at most \(limit) bytes")])
        }
        guard buffer.readableBytes > 0 else {
            throw DomainError(.invalidJSON, "the body is empty; a JSON object is expected")
        }
        return (try await parseAnywhere(buffer), buffer.readableBytes)
    }

    /// The body as an object, or `{}` when empty (for routes whose body is optional).
    public static func readOptionalObject(_ request: Request, limit: Int = 1 << 20) async throws -> JSONValue {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        guard buffer.readableBytes > 0 else { return .object(JSONObject()) }
        return try await parseAnywhere(buffer)
    }

    /// `parse`, on `LargeWork` when the body is large.
    private static func parseAnywhere(_ buffer: ByteBuffer) async throws -> JSONValue {
        guard buffer.readableBytes >= LargeWork.threshold else { return try parse(buffer) }
        return try await LargeWork.shared.run { try parse(buffer) }
    }
}

extension JSONBody {
    /// A request body parsed as JSON; a repeated key in an object is refused rather than one of its
    /// values silently kept (the error's detail path is the object holding it).
    static func parse(_ buffer: ByteBuffer) throws(DomainError) -> JSONValue {
        do {
            return try buffer.withUnsafeReadableBytes { bytes throws(JSONSyntaxError) in
                try JSONParser.parse(bytes, rejectDuplicateKeys: true)
            }
        } catch {
            throw DomainError(
                .invalidJSON, "the body is not valid JSON: \(error)",
                details: [.init(path: error.pointer ?? "", reason: error.reason)])
        }
    }
}

/// JSON responses built from already-serialized bytes.
public enum JSONResponse {
    /// A response with `bytes` as its JSON body; never sniffed as another type, never cached
    /// (API answers are per caller and change).
    public static func make(_ status: HTTPResponse.Status = .ok, _ bytes: [UInt8], headers: HTTPFields = [:])
        -> Response
    {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.xContentTypeOptions] = "nosniff"
        if fields[.cacheControl] == nil { fields[.cacheControl] = "no-store" }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A response whose body is written by `build` (into a buffer of `capacity` bytes to start with).
    public static func make(
        _ status: HTTPResponse.Status = .ok, capacity: Int = 256, _ build: (inout JSONWriter) -> Void
    ) -> Response {
        var writer = JSONWriter(capacity: capacity)
        build(&writer)
        return make(status, writer.bytes)
    }

    /// A response with a `JSONValue` body.
    public static func make(_ status: HTTPResponse.Status = .ok, value: JSONValue) -> Response {
        make(status, value.serializedBytes())
    }
}
