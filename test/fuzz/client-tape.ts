/**
 * Recorded server answers for the client fuzzer. A scenario runs once with
 * a real MosaicoClient through a proxy router that forwards every call to
 * the reference server and records each answer; later cases replay the
 * tape from an in-memory router, with answers mutated on the way out
 * (client-mutations.ts).
 */
import { createHash } from "node:crypto";
import { fromBinary, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport, type HandlerContext, type Transport } from "@connectrpc/connect";
import {
  FlightDataSchema,
  FlightInfoSchema,
  FlightService,
  PutResultSchema,
  ResultSchema,
  SchemaResultSchema,
  type Action,
  type FlightDescriptor,
  type Ticket,
} from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { AUTH, type FlightClient } from "./server-harness.js";

/** One recorded answer: the messages, then an error or the end. */
export interface Answer {
  messages: unknown[];
  error?: { code: Code; message: string };
}

/** Answers by call key (`DoAction:info`, `DoGet:<ticket digest>`, ...), in call order. */
export type Tape = Map<string, Answer[]>;

/**
 * Turns a recorded answer into what a replayed call sends; `n` counts the
 * earlier calls with the same key in this case (so that a player can draw
 * its randomness per call, whatever order concurrent calls come in).
 */
export type Player = (key: string, answer: Answer | undefined, signal: AbortSignal, n: number) => AsyncGenerator<unknown>;

function digest(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex").slice(0, 8);
}

/**
 * The tape key of a call: the action type, the ticket or the descriptor, so
 * that concurrent calls (a sequence reader's topics) get their own answers.
 */
function keyOf(method: string, request?: unknown): string {
  if (method === "DoAction") return `DoAction:${(request as Action).type}`;
  if (method === "DoGet") return `DoGet:${digest((request as Ticket).ticket)}`;
  if (method === "GetFlightInfo" || method === "PollFlightInfo" || method === "GetSchema") {
    const d = request as FlightDescriptor;
    return `${method}:${digest(Uint8Array.from([...d.cmd, 0, ...new TextEncoder().encode(d.path.join("/"))]))}`;
  }
  return method;
}

/** A FlightService whose every method goes through `handle(key, requests)`. */
function routerOf(handle: (key: string, request: unknown, ctx: HandlerContext) => AsyncGenerator<unknown>): Transport {
  return createRouterTransport(({ service }) => {
    const drain = async (requests: AsyncIterable<unknown>) => {
      const all: unknown[] = [];
      for await (const r of requests) all.push(r);
      return all;
    };
    const unary = (method: string) => async (req: unknown, ctx: HandlerContext) => {
      let last: unknown;
      for await (const m of handle(keyOf(method, req), req, ctx)) last ??= m;
      if (last === undefined) throw new ConnectError("no message on tape", Code.Internal);
      return last;
    };
    const stream = (method: string) => (req: unknown, ctx: HandlerContext) => handle(keyOf(method, req), req, ctx);
    const bidi = (method: string) => async function* (reqs: AsyncIterable<unknown>, ctx: HandlerContext) {
      yield* handle(method, await drain(reqs), ctx);
    };
    service(FlightService, {
      getFlightInfo: unary("GetFlightInfo"),
      getSchema: unary("GetSchema"),
      pollFlightInfo: unary("PollFlightInfo"),
      doAction: stream("DoAction"),
      listFlights: stream("ListFlights"),
      doGet: stream("DoGet"),
      listActions: stream("ListActions"),
      doPut: bidi("DoPut"),
      doExchange: bidi("DoExchange"),
      handshake: bidi("Handshake"),
    } as never);
  });
}

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** A transport that forwards to `upstream` and appends every answer to `tape`. */
export function recordingTransport(upstream: FlightClient, tape: Tape): Transport {
  const opts = { headers: AUTH };
  const call = (key: string, request: unknown): AsyncIterable<unknown> | Promise<unknown> => {
    const method = key.split(":")[0]!;
    const u = upstream as unknown as Record<string, (r: unknown, o: unknown) => AsyncIterable<unknown> | Promise<unknown>>;
    const name = method[0]!.toLowerCase() + method.slice(1);
    const bidi = method === "DoPut" || method === "DoExchange" || method === "Handshake";
    return u[name]!(bidi ? iterate(request as unknown[]) : request, opts);
  };
  return routerOf(async function* (key, request) {
    const answer: Answer = { messages: [] };
    if (!tape.has(key)) tape.set(key, []);
    tape.get(key)!.push(answer);
    try {
      const result = call(key, request);
      if (result instanceof Promise) answer.messages.push(await result);
      else for await (const m of result) answer.messages.push(m);
      yield* answer.messages;
    } catch (error) {
      const e = ConnectError.from(error);
      answer.error = { code: e.code, message: e.rawMessage };
      yield* answer.messages;
      throw error;
    }
  });
}

/**
 * A transport that replays `tape` through `play`, one answer per call in
 * order (the last one again when the tape runs out). A call whose key is not
 * on the tape (a mutated ticket, say) gets the first answer of its method.
 */
export function replayTransport(tape: Tape, play: Player): Transport {
  const used = new Map<string, number>();
  return routerOf(async function* (key, _request, ctx) {
    const method = key.split(":")[0]!;
    const answers = tape.get(key) ?? [...tape].find(([k]) => k.split(":")[0] === method)?.[1];
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    yield* play(key, answers?.[Math.min(n, (answers?.length ?? 1) - 1)], ctx.signal, n);
  });
}

const MESSAGE_SCHEMAS: Record<string, DescMessage> = {
  DoAction: ResultSchema,
  GetFlightInfo: FlightInfoSchema,
  PollFlightInfo: FlightInfoSchema,
  ListFlights: FlightInfoSchema,
  DoGet: FlightDataSchema,
  DoPut: PutResultSchema,
  GetSchema: SchemaResultSchema,
};

/** The protobuf schema of the answers to call `key` (`DoAction:info` -> Result), if it has messages. */
export function answerSchemaOf(key: string): DescMessage | undefined {
  return MESSAGE_SCHEMAS[key.split(":")[0]!];
}

function schemaOf(key: string): DescMessage {
  const schema = answerSchemaOf(key);
  if (!schema) throw new Error(`no message schema for ${key}`);
  return schema;
}

/** Tapes as JSON (messages in protobuf binary, base64), for the client child process. */
export function serializeTapes(tapes: Map<string, Tape>): string {
  const out: Record<string, Record<string, { messages: string[]; error?: Answer["error"] }[]>> = {};
  for (const [name, tape] of tapes) {
    out[name] = {};
    for (const [key, answers] of tape) {
      out[name][key] = answers.map((a) => ({
        messages: a.messages.map((m) => Buffer.from(toBinary(schemaOf(key), m as never)).toString("base64")),
        ...(a.error && { error: a.error }),
      }));
    }
  }
  return JSON.stringify(out);
}

/** The inverse of serializeTapes. */
export function deserializeTapes(text: string): Map<string, Tape> {
  const parsed = JSON.parse(text) as Record<string, Record<string, { messages: string[]; error?: Answer["error"] }[]>>;
  const tapes = new Map<string, Tape>();
  for (const [name, keys] of Object.entries(parsed)) {
    const tape: Tape = new Map();
    for (const [key, answers] of Object.entries(keys)) {
      tape.set(key, answers.map((a) => ({
        // A plain Uint8Array: bytes fields become views of it, never of Node's Buffer pool.
        messages: a.messages.map((b64) => fromBinary(schemaOf(key), new Uint8Array(Buffer.from(b64, "base64")))),
        ...(a.error && { error: a.error }),
      })));
    }
    tapes.set(name, tape);
  }
  return tapes;
}
