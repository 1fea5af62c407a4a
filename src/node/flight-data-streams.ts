/**
 * FlightData streams (DoPut, DoGet, DoExchange) over native gRPC, framed
 * here instead of by connect's generic serializer.
 *
 * connect-es's gRPC transport serializes every request message with
 * protobuf's writer and envelopes it: about three copies of each DoPut body
 * (bench/read-write-ratios.ts, Node write). On responses it runs each
 * message through four async stages and protobuf's reflection. This wrapper
 * sends the same calls through the same pieces of connect (interceptors,
 * deadline and signal handling, headers, response and trailer validation,
 * the HTTP/2 session) and swaps the framing and the HTTP/2 client
 * (flight-http2-client.ts, no wait per chunk either way): requests
 * by encodeFlightDataFrame (bodies go to the socket as the chunks they
 * are), responses by readFlightDataFrames (one stage, a view where a
 * message lies in one chunk, one copy where it does not). Other calls,
 * compressed requests and compressed responses keep connect's own path.
 *
 * The `@connectrpc/connect/protocol*` helpers used here are marked private by
 * connect; package.json pins connect to an exact version for that reason.
 */
import type { DescMessage, DescMethodStreaming, MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createContextValues, type ContextValues, type Interceptor, type StreamResponse, type Transport } from "@connectrpc/connect";
import {
  createMethodSerializationLookup,
  createMethodUrl,
  pipe,
  runStreamingCall,
  transformCompressEnvelope,
  transformDecompressEnvelope,
  transformJoinEnvelopes,
  transformParseEnvelope,
  transformSerializeEnvelope,
  transformSplitEnvelope,
  type Compression,
  type UniversalClientFn,
} from "@connectrpc/connect/protocol";
import { requestHeaderWithCompression, validateResponseWithCompression, validateTrailer } from "@connectrpc/connect/protocol-grpc";
import { FlightDataSchema, encodeFlightDataFrame, type FlightData } from "../protocol/index.js";
import { readFlightDataFrames } from "./flight-data-frame-reader.js";

/** What the framed path needs of the transport it stands beside (the same values). */
export interface FlightDataStreamOptions {
  /** `http://host:port` of the server. */
  baseUrl: string;
  /** The HTTP/2 client of these streams, on the transport's own session manager (createFlightHttp2Client). */
  httpClient: UniversalClientFn;
  interceptors: Interceptor[];
  acceptCompression: Compression[];
  /** Request compression; when set, FlightData requests go through connect's serializer. */
  sendCompression: Compression | null;
  compressMinBytes: number;
  readMaxBytes: number;
  writeMaxBytes: number;
}

const isFlightData = (desc: DescMessage) => desc.typeName === FlightDataSchema.typeName;

/**
 * Wraps a gRPC transport so that FlightData streams are framed without
 * connect's generic serializer; everything else is the wrapped transport's.
 *
 * @example
 * ```ts
 * const transport = withFlightDataStreams(createGrpcTransport(options), { ...options, httpClient });
 * ```
 */
export function withFlightDataStreams(inner: Transport, options: FlightDataStreamOptions): Transport {
  return {
    unary: (...args) => inner.unary(...args),
    stream<I extends DescMessage, O extends DescMessage>(
      method: DescMethodStreaming<I, O>,
      signal: AbortSignal | undefined,
      timeoutMs: number | undefined,
      header: HeadersInit | undefined,
      input: AsyncIterable<MessageInitShape<I>>,
      contextValues?: ContextValues,
    ): Promise<StreamResponse<I, O>> {
      const framedInput = isFlightData(method.input) && method.methodKind !== "server_streaming" && options.sendCompression === null;
      const framedOutput = isFlightData(method.output) && method.methodKind !== "client_streaming";
      if (!framedInput && !framedOutput) return inner.stream(method, signal, timeoutMs, header, input, contextValues);
      return framedStream(options, framedInput, framedOutput, method, signal, timeoutMs, header, input, contextValues);
    },
  };
}

/** connect's gRPC `stream()` (protocol-grpc/transport.ts) with FlightData framed here in the directions asked. */
function framedStream<I extends DescMessage, O extends DescMessage>(
  opt: FlightDataStreamOptions,
  framedInput: boolean,
  framedOutput: boolean,
  method: DescMethodStreaming<I, O>,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  header: HeadersInit | undefined,
  input: AsyncIterable<MessageInitShape<I>>,
  contextValues: ContextValues | undefined,
): Promise<StreamResponse<I, O>> {
  const serialization = createMethodSerializationLookup(method, undefined, undefined, opt);
  // As connect: no default deadline, and 0 or less means none.
  const deadlineMs = timeoutMs === undefined || timeoutMs <= 0 ? undefined : timeoutMs;
  const sendCompression = framedInput ? null : opt.sendCompression;
  return runStreamingCall<I, O>({
    interceptors: opt.interceptors,
    signal,
    timeoutMs: deadlineMs,
    req: {
      stream: true,
      service: method.parent,
      method,
      requestMethod: "POST",
      url: createMethodUrl(opt.baseUrl, method),
      header: requestHeaderWithCompression(true, deadlineMs, header, opt.acceptCompression, sendCompression),
      contextValues: contextValues ?? createContextValues(),
      message: input,
    },
    next: async (req) => {
      const body = framedInput
        ? pipe(req.message as AsyncIterable<unknown> as AsyncIterable<FlightData>, frameFlightData(opt.writeMaxBytes), { propagateDownStreamError: true })
        : pipe(
            req.message,
            transformSerializeEnvelope(serialization.getI(true)),
            transformCompressEnvelope(sendCompression, opt.compressMinBytes),
            transformJoinEnvelopes(),
            { propagateDownStreamError: true },
          );
      const uRes = await opt.httpClient({ url: req.url, method: "POST", header: req.header, signal: req.signal, body });
      const { compression, foundStatus, headerError } = validateResponseWithCompression(opt.acceptCompression, uRes.status, uRes.header);
      if (headerError) throw headerError;
      async function* checkTrailer<T>(messages: AsyncIterable<T>) {
        yield* messages;
        if (!foundStatus) validateTrailer(uRes.trailer, uRes.header);
      }
      const message =
        framedOutput && compression === undefined
          ? pipe(uRes.body, (chunks) => readFlightDataFrames(chunks, opt.readMaxBytes), checkTrailer, { propagateDownStreamError: true })
          : pipe(
              uRes.body,
              transformSplitEnvelope(opt.readMaxBytes),
              transformDecompressEnvelope(compression ?? null, opt.readMaxBytes),
              transformParseEnvelope(serialization.getO(true)),
              checkTrailer,
              { propagateDownStreamError: true },
            );
      return { ...req, header: uRes.header, trailer: uRes.trailer, message: message as StreamResponse<I, O>["message"] };
    },
  });
}

/** Each FlightData as its frame's chunks, refused (as connect does) when larger than writeMaxBytes. */
function frameFlightData(writeMaxBytes: number) {
  return async function* (messages: AsyncIterable<FlightData>): AsyncIterable<Uint8Array> {
    for await (const message of messages) {
      const frame = encodeFlightDataFrame(message);
      if (frame.messageBytes > writeMaxBytes) {
        throw new ConnectError(`message size ${frame.messageBytes} is larger than configured writeMaxBytes ${writeMaxBytes}`, Code.ResourceExhausted);
      }
      yield* frame.chunks;
    }
  };
}
