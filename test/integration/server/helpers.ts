/** Shared helpers of the reference-server integration tests (real sockets, no mocks). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { expect } from "vitest";
import {
  decodeJsonBytes,
  encodeJsonBytes,
  isJsonObject,
  type JsonValue,
} from "../../../src/protocol/json.js";
import {
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  FlightService,
} from "../../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { startServer, type RunningServer, type ServerOptions } from "../../../server/index.js";

export type FlightClient = Client<typeof FlightService>;

const tempDirs: string[] = [];

export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mosaico-ref-"));
  tempDirs.push(dir);
  return dir;
}

export function removeDataDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function startTestServer(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, dataDir: freshDataDir(), ...options });
}

export interface NamedTransport {
  name: string;
  transport: Transport;
}

/** Native gRPC over h2c and gRPC-Web over HTTP/1.1, against the same port. */
export function transportsFor(baseUrl: string, ca?: Buffer): NamedTransport[] {
  const nodeOptions = ca ? { ca } : undefined;
  return [
    {
      name: "grpc/h2",
      // connect-node's gRPC transport is always HTTP/2 (h2c for http:// URLs).
      transport: createGrpcTransport({ baseUrl, ...(nodeOptions && { nodeOptions }) }),
    },
    {
      name: "grpc-web/1.1",
      transport: createGrpcWebTransport({
        baseUrl,
        httpVersion: "1.1",
        ...(nodeOptions && { nodeOptions }),
      }),
    },
  ];
}

export function clientFor(transport: Transport): FlightClient {
  return createClient(FlightService, transport);
}

export type Body = JsonValue | Uint8Array;

function bodyBytes(body: Body): Uint8Array {
  return body instanceof Uint8Array ? body : encodeJsonBytes(body);
}

/** DoAction returning the raw Result bodies. */
export async function actionResults(
  client: FlightClient,
  type: string,
  body: Body = {},
  headers?: Record<string, string>,
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const result of client.doAction(
    { type, body: bodyBytes(body) },
    headers ? { headers } : {},
  )) {
    out.push(result.body);
  }
  return out;
}

/** DoAction expecting exactly one envelope for `type`; returns `response`. */
export async function action(
  client: FlightClient,
  type: string,
  body: Body = {},
  headers?: Record<string, string>,
): Promise<JsonValue> {
  const results = await actionResults(client, type, body, headers);
  expect(results).toHaveLength(1);
  const envelope = decodeJsonBytes(results[0]!);
  expect(isJsonObject(envelope)).toBe(true);
  const obj = envelope as Record<string, JsonValue>;
  expect(Object.keys(obj).sort()).toEqual(["action", "response"]);
  expect(obj.action).toBe(type);
  return obj.response!;
}

/** Asserts that `promise` fails with this gRPC code (and exact message if given). */
export async function expectError(
  promise: Promise<unknown>,
  code: Code,
  message?: string | RegExp,
): Promise<ConnectError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to fail").toBeInstanceOf(ConnectError);
  const error = caught as ConnectError;
  expect(Code[error.code], `message: ${error.rawMessage}`).toBe(Code[code]);
  if (typeof message === "string") expect(error.rawMessage).toBe(message);
  else if (message) expect(error.rawMessage).toMatch(message);
  return error;
}

export function cmdDescriptor(cmd: JsonValue) {
  return create(FlightDescriptorSchema, {
    type: FlightDescriptor_DescriptorType.CMD,
    cmd: encodeJsonBytes(cmd),
  });
}

export function json(bytes: Uint8Array): JsonValue {
  return decodeJsonBytes(bytes);
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

let counter = 0;
/** A fresh, valid sequence name. */
export function uniqueName(prefix = "seq"): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${counter}`;
}

/** Creates sequence + session (+ optional topics); returns their identifiers. */
export async function seedSequence(
  client: FlightClient,
  topics: string[] = [],
  userMetadata: JsonValue = {},
): Promise<{ sequence: string; sessionUuid: string; sessionLocator: string; topicUuids: string[] }> {
  const sequence = uniqueName();
  await action(client, "sequence_create", { locator: sequence, user_metadata: userMetadata });
  const session = (await action(client, "session_create", { locator: sequence })) as {
    uuid: string;
    locator: string;
  };
  const topicUuids: string[] = [];
  for (const topic of topics) {
    const created = (await action(client, "topic_create", {
      locator: `${sequence}/${topic}`,
      session_uuid: session.uuid,
      serialization_format: "default",
      ontology_tag: "imu",
      user_metadata: {},
    })) as { uuid: string };
    topicUuids.push(created.uuid);
  }
  return { sequence, sessionUuid: session.uuid, sessionLocator: session.locator, topicUuids };
}
