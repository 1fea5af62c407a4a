/**
 * gRPC-Web framing over raw HTTP/1.1 (node:net). Mutates: the 5-byte frame
 * header (flag bits: compressed without an encoding, trailer from the
 * client, unknown bits; length shorter, longer, zero, 2^32 - 1), truncated
 * headers, zero / extra / trailing frames, the protobuf payload itself, and
 * the HTTP around it: content types, grpc-timeout / grpc-encoding values,
 * chunked bodies with odd or broken chunking, a Content-Length shorter than
 * the body, unknown paths and methods, connections cut mid-request.
 * Asserts: the server answers (or closes the connection) within the
 * deadline; a gRPC (or Connect) status of INTERNAL/UNKNOWN or an HTTP 500
 * is a wrong error (501/503/504 are Connect's mapped codes, 505 is bidi
 * over HTTP/1.1).
 */
import { create, toBinary } from "@bufbuild/protobuf";
import {
  ActionSchema,
  CriteriaSchema,
  EmptySchema,
  FlightDataSchema,
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  HandshakeRequestSchema,
  TicketSchema,
} from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { encodeFlightData } from "../../src/protocol/index.js";
import { encodeTicket } from "../../server/flight/bincode-ticket.js";
import { imuBatch, imuSchema } from "../integration/helpers/imu-data.js";
import { codeName } from "../../src/errors/code.js";
import type { FuzzFixtures } from "./fixtures.js";
import { CASE_DEADLINE_MS, type ServerFuzzer } from "./fuzzer.js";
import { isPrescribedInternal } from "./server-harness.js";
import { mutateBytes } from "./mutate-bytes.js";
import { jsonBytes } from "./mutate-json.js";
import type { Rng } from "./prng.js";
import { rawExchange } from "./raw-http.js";
import { FUZZ_API_KEY } from "./server-harness.js";

const SERVICE = "/arrow.flight.protocol.FlightService/";

/** Valid request messages per method. */
async function payloads(f: FuzzFixtures, index: number): Promise<Record<string, Uint8Array[]>> {
  const descriptor = create(FlightDescriptorSchema, { type: FlightDescriptor_DescriptorType.CMD, cmd: jsonBytes({ resource_locator: f.act.sequence }) });
  const putDescriptor = create(FlightDescriptorSchema, {
    type: FlightDescriptor_DescriptorType.CMD,
    cmd: jsonBytes(index % 3 === 0 ? { resource_locator: f.baseline.locator, topic_uuid: f.baseline.uuid } : { resource_locator: `${f.put.sequence}/gw/${index}`, topic_uuid: f.baseline.uuid }),
  });
  const put: Uint8Array[] = [];
  for await (const m of encodeFlightData(imuSchema, [imuBatch(0, 5)], { descriptor: putDescriptor })) put.push(toBinary(FlightDataSchema, m));
  return {
    DoAction: [toBinary(ActionSchema, create(ActionSchema, { type: "info", body: jsonBytes({}) }))],
    DoGet: [toBinary(TicketSchema, create(TicketSchema, { ticket: encodeTicket({ locator: f.act.topics[0]! }) }))],
    ListFlights: [toBinary(CriteriaSchema, create(CriteriaSchema, {}))],
    GetFlightInfo: [toBinary(FlightDescriptorSchema, descriptor)],
    GetSchema: [toBinary(FlightDescriptorSchema, descriptor)],
    PollFlightInfo: [toBinary(FlightDescriptorSchema, descriptor)],
    DoPut: put,
    Handshake: [toBinary(HandshakeRequestSchema, create(HandshakeRequestSchema, { protocolVersion: 1n }))],
    ListActions: [toBinary(EmptySchema, create(EmptySchema, {}))],
    DoExchange: put,
  };
}

function frame(flag: number, payload: Uint8Array, declared = payload.byteLength): Buffer {
  const head = Buffer.alloc(5);
  head[0] = flag;
  head.writeUInt32BE(declared >>> 0, 1);
  return Buffer.concat([head, payload]);
}

/** The gRPC-Web body: frames of `messages`, with framing mutations. */
function body(rng: Rng, messages: Uint8Array[], ops: string[]): Buffer {
  const frames = messages.map((m) => frame(0, m));
  const n = rng.chance(0.15) ? 0 : rng.int(1, 3);
  for (let i = 0; i < n; i++) {
    const k = rng.int(0, frames.length - 1);
    const m = messages[Math.min(k, messages.length - 1)]!;
    const op = rng.pick(["flag", "length", "length", "truncate-header", "payload", "extra-frame", "no-frames", "trailing", "client-trailer", "huge-length", "split"]);
    ops.push(op);
    if (frames.length === 0) frames.push(Buffer.alloc(0));
    switch (op) {
      case "flag": frames[k] = frame(rng.pick([0x01, 0x02, 0x80, 0x81, 0x7f, 0xff, 0x40]), m); break;
      case "length": frames[k] = frame(0, m, Math.max(0, m.byteLength + rng.pick([-5, -1, 1, 3, 100, -m.byteLength]))); break;
      case "huge-length": frames[k] = frame(0, m, rng.pick([0xffffffff, 0x7fffffff, 50 * 1024 * 1024 + 1, 1 << 24])); break;
      case "truncate-header": frames[k] = frames[k]!.subarray(0, rng.int(1, 4)); break;
      case "payload": frames[k] = frame(0, mutateBytes(rng, m, 4).bytes); break;
      case "extra-frame": frames.splice(rng.int(0, frames.length), 0, frame(0, rng.chance(0.5) ? m : rng.bytes(rng.size(40)))); break;
      case "no-frames": frames.length = 0; break;
      case "trailing": frames.push(Buffer.from(rng.bytes(rng.int(1, 7)))); break;
      case "client-trailer": frames.push(frame(0x80, new TextEncoder().encode(rng.pick(["grpc-status: 0\r\n", "grpc-status: 13\r\ngrpc-message: x\r\n", "\u0000\u0001", ""])))); break;
      case "split": frames.splice(k, 1, frames[k]!.subarray(0, 3), frames[k]!.subarray(3)); break;
    }
  }
  return Buffer.concat(frames);
}

/** A whole HTTP/1.1 request with the body framed (plainly, chunked, or with a short Content-Length). */
function request(rng: Rng, path: string, payload: Buffer, ops: string[]): { bytes: Buffer; cut: boolean; summary: string } {
  const method = rng.chance(0.95) ? "POST" : rng.pick(["GET", "PUT", "OPTIONS", "DELETE"]);
  const contentType = rng.weighted([
    [80, "application/grpc-web+proto"], [5, "application/grpc-web"], [3, "application/grpc-web-text"], [3, "application/grpc"],
    [3, "application/connect+proto"], [2, "application/json"], [2, ""], [2, "application/grpc-web+json"],
  ] as const);
  const headers: [string, string][] = [["Host", "127.0.0.1"], ["Connection", "close"], ["X-Grpc-Web", "1"], ["mosaico-api-key-token", FUZZ_API_KEY]];
  if (contentType) headers.push(["Content-Type", contentType]);
  if (rng.chance(0.15)) headers.push(["grpc-timeout", rng.pick(["1S", "0m", "abc", "99999999H", "-1S", "1n", "10000000000m"])]);
  if (rng.chance(0.1)) headers.push(["grpc-encoding", rng.pick(["gzip", "identity", "br", "zz", ""])]);
  if (rng.chance(0.05)) headers.push(["Content-Encoding", rng.pick(["gzip", "deflate", "x"])]);
  let wire: Buffer;
  let cut = false;
  const framing = rng.weighted([[60, "length"], [25, "chunked"], [5, "bad-chunked"], [5, "short-length"], [5, "cut"]] as const);
  ops.push(`http:${framing}`);
  if (framing === "length" || framing === "cut") {
    headers.push(["Content-Length", String(payload.length)]);
    wire = framing === "cut" ? payload.subarray(0, rng.int(0, Math.max(0, payload.length - 1))) : payload;
    cut = framing === "cut";
  } else if (framing === "short-length") {
    headers.push(["Content-Length", String(rng.int(0, Math.max(0, payload.length - 1)))]);
    wire = payload;
  } else {
    headers.push(["Transfer-Encoding", "chunked"]);
    const parts: Buffer[] = [];
    for (let at = 0; at < payload.length; ) {
      const size = Math.min(payload.length - at, rng.int(1, 64));
      parts.push(Buffer.from(`${size.toString(16)}\r\n`), payload.subarray(at, at + size), Buffer.from("\r\n"));
      at += size;
    }
    if (framing === "bad-chunked") {
      parts.splice(rng.int(0, parts.length), 0, Buffer.from(rng.pick(["zz\r\n", "ffffffffffffffff\r\n", "1\r\n\r\n\r\n", "-1\r\n", "5;ext=\"x\"\r\nhello\r\n"])));
      // A chunk size may promise more than follows: half-close, so that waiting for it is not a hang.
      cut = true;
    }
    parts.push(Buffer.from("0\r\n\r\n"));
    wire = Buffer.concat(parts);
  }
  const head = `${method} ${path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`;
  const extra = headers.slice(4).filter(([k]) => !/^(content-length|transfer-encoding)$/i.test(k)).map(([k, v]) => `${k}=${v}`);
  const summary = `${method} ${path} [${extra.join(" ")}] body(${payload.length} B)=${payload.subarray(0, 96).toString("hex")}`;
  return { bytes: Buffer.concat([Buffer.from(head, "latin1"), wire]), cut, summary };
}

let cache: { index: number; values: Record<string, Uint8Array[]> } | undefined;

/** The gRPC-Web framing fuzzer. */
export const grpcWebFuzzer: ServerFuzzer = {
  name: "grpc-web",
  async run(ctx, rng, index) {
    // Payloads only depend on the fixtures and index % 3 (the DoPut target).
    if (!cache || cache.index !== index % 3) cache = { index: index % 3, values: await payloads(ctx.fixtures, index % 3) };
    const methods = Object.keys(cache.values);
    const method = rng.pick(methods);
    const path = rng.chance(0.93)
      ? `${SERVICE}${method}`
      : rng.pick([`${SERVICE}${method.toLowerCase()}`, `${SERVICE}Nope`, "/", `/x${SERVICE}${method}`, `${SERVICE}${method}/`, `${SERVICE}${method}?a=%ZZ`, "/arrow.flight.protocol.FlightService"]);
    const ops: string[] = [];
    const req = request(rng, path, body(rng, cache.values[method]!, ops), ops);
    const { hostname, port } = new URL(ctx.server.url);
    const res = await rawExchange(hostname, Number(port), req.bytes, CASE_DEADLINE_MS, req.cut);
    const input = `ops=[${ops.join(",")}] ${req.summary}`;
    if (res.kind === "timeout") return { outcome: "hang", status: res.httpStatus ? `HTTP ${res.httpStatus}` : "-", message: `no complete answer: ${res.preview.slice(0, 120)}`, input };
    if (res.kind === "closed") return { outcome: "ok", status: "closed", input };
    const grpc = res.grpcStatus === undefined ? undefined : res.grpcStatus === 0 ? "OK" : codeName(res.grpcStatus);
    const status = grpc ?? (res.connectError ? `connect ${res.connectError.code}` : `HTTP ${res.httpStatus}`);
    const message = res.grpcMessage ?? res.connectError?.message ?? res.preview.split("\r\n")[0]!;
    // Connect-protocol answers map codes to HTTP (501 unimplemented, 503, 504); only 500 means internal/unknown.
    const prescribed = isPrescribedInternal(message);
    const wrong = !prescribed && (res.grpcStatus === 2 || res.grpcStatus === 13 || res.httpStatus === 500 || /^(internal|unknown)$/.test(res.connectError?.code ?? ""));
    return { outcome: wrong ? "wrong-error" : "ok", status, message, input };
  },
};
