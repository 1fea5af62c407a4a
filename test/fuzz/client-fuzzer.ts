/**
 * Client-side responses. Each case runs one SDK scenario (connect probe,
 * version, listSequences, sequence/topic info, topic and sequence readers,
 * query, temporal filter, notifications, session/topic creation, a whole
 * sequence write) against an in-memory fake server that replays answers
 * recorded from the reference server (0.7 and 0.6 releases), mutated
 * (client-mutations.ts).
 * Asserts: the scenario resolves or rejects with a MosaicoError, within a
 * per-case deadline (the SDK's own timeouts are 2 s), and nothing escapes as
 * an unhandled rejection (the runner listens). Wrong errors: anything thrown
 * that is not a MosaicoError, or an UNKNOWN MosaicoError the fake server did
 * not inject (the SDK did not recognise what went wrong).
 */
import { Code } from "@connectrpc/connect";
import { IMU, MosaicoClient, MosaicoError, Query } from "../../src/index.js";
import { codeName } from "../../src/errors/code.js";
import { imuBatch, imuSchema, T0 } from "../integration/helpers/imu-data.js";
import { type Tape, recordingTransport, replayTransport } from "./client-tape.js";
import { mutatingPlayer, type MutationLog } from "./client-mutations.js";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FlightService } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import type { CaseResult } from "./outcome.js";
import type { Rng } from "./prng.js";
import { withDeadline } from "./server-harness.js";

const T = { timeoutMs: 2000 };
const IMU_TOPIC = "fuzz_act/sensors/imu";
const RICH_TOPIC = "fuzz_act/sensors/imu2";

async function drain(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of items) n++;
  return n;
}

/** The SDK calls of each scenario; `run` is its unique suffix for names it creates while recording. */
const SCENARIOS: Record<string, (c: MosaicoClient, run: string) => Promise<unknown>> = {
  version: (c) => c.version(T),
  listSequences: (c) => c.listSequences(T),
  sequenceInfo: (c) => c.sequenceInfo("fuzz_act", T),
  topicInfo: (c) => c.topicInfo(IMU_TOPIC, T),
  topicInfoRange: (c) => c.topicInfo(RICH_TOPIC, { ...T, startNs: T0 + 10_000_000n, endNs: T0 + 90_000_000n }),
  exists: async (c) => [await c.sequenceExists("fuzz_act", T), await c.topicExists(IMU_TOPIC, T)],
  readTopic: async (c) => (await c.topicReader(IMU_TOPIC, T)).readTable(),
  readRichRange: async (c) => (await c.topicReader(RICH_TOPIC, { ...T, startNs: T0 + 5_000_000n, endNs: T0 + 300_000_000n })).readTable(),
  readSequence: async (c) => drain(await c.sequenceReader("fuzz_act", { ...T, topics: ["/sensors/imu", "/sensors/imu2"] })),
  query: (c) => c.query([Query.sequence().name.match("fuzz_*"), IMU.Q.acceleration.x.gt(0.5)], T),
  clusterize: (c) => drain(c.topicFilterClusterize({ ...T, locator: IMU_TOPIC, ontology: IMU.Q.acceleration.x.gt(0.5), clusteringDtNs: 100_000_000n })),
  notifications: (c) => c.listSequenceNotifications("fuzz_act", T),
  createSession: (c) => c.createSession("fuzz_act", T),
  createTopic: async (c, run) => {
    const session = await c.createSession("fuzz_act", T);
    return c.createTopic({ locator: `fuzz_act/client/${run}`, sessionUuid: session.uuid, ontologyTag: "imu" }, T);
  },
  write: async (c, run) => {
    const writer = await c.sequenceWriter(`fuzz_client_${run}`, { ...T, onError: "delete" });
    const topic = await writer.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await topic.push(imuBatch(0, 50));
    await writer.finalize();
  },
};

/** The recorded tapes, by `<release>:<scenario>`. */
export interface ClientFuzzSetup {
  tapes: Map<string, Tape>;
}

/** Records every scenario once against each reference server (`{"0.7": url, "0.6": url}`). */
export async function setUpClientFuzz(urls: Record<string, string>): Promise<ClientFuzzSetup> {
  const tapes = new Map<string, Tape>();
  for (const [release, url] of Object.entries(urls)) {
    const upstream = createClient(FlightService, createGrpcTransport({ baseUrl: url }));
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      const tape: Tape = new Map();
      const client = await MosaicoClient.connect({ url: "http://127.0.0.1:1", transport: recordingTransport(upstream, tape), timeoutMs: 5000 });
      try {
        await scenario(client, "rec");
      } finally {
        await client.close();
      }
      tapes.set(`${release}:${name}`, tape);
    }
  }
  return { tapes };
}

/** Per-case deadline of the client class (ms): 4× the SDK timeouts it sets. */
export const CLIENT_DEADLINE_MS = 8000;

/** Runs case `index`: one scenario against a mutating replay of its tape. */
export async function runClientCase(setup: ClientFuzzSetup, rng: Rng, index: number, deadlineMs = CLIENT_DEADLINE_MS): Promise<CaseResult> {
  const tapeName = rng.pick([...setup.tapes.keys()]);
  const name = tapeName.split(":")[1]!;
  const tape = setup.tapes.get(tapeName)!;
  const rate = rng.pick([0.2, 0.5, 1]);
  // Half the cases mutate one call only (not the probe), to get deep into its decoding.
  const keys = [...tape.keys()].filter((k) => k !== "DoAction:info" && k !== "DoAction:version");
  const focus = keys.length > 0 && rng.chance(0.5) ? rng.pick(keys) : undefined;
  const log: MutationLog = { injected: new Set(), ops: [] };
  const transport = replayTransport(tape, mutatingPlayer(rng.seed, rate, log, focus));
  const settled = await withDeadline(deadlineMs, async (signal) => {
    const client = await MosaicoClient.connect({ url: "http://127.0.0.1:1", transport, timeoutMs: 2000, signal });
    try {
      return await SCENARIOS[name]!(client, `c${index}`);
    } finally {
      await client.close();
    }
  });
  const input = `tape=${tapeName} rate=${rate}${focus ? ` focus=${focus}` : ""} ops=[${log.ops.join(" ")}]`;
  if (settled.kind === "timeout") return { outcome: "hang", message: `no result within ${deadlineMs / 1000} s (SDK timeouts are 2 s)`, input };
  if (settled.kind === "ok") return { outcome: "ok", status: "OK", input };
  const error = settled.error;
  if (!(error instanceof MosaicoError)) {
    const e = error as Error;
    return { outcome: "wrong-error", status: `not a MosaicoError (${e?.constructor?.name ?? typeof error})`, message: String(e?.message ?? error), input };
  }
  const unknown = error.code === Code.Unknown && !log.injected.has(Code.Unknown);
  return { outcome: unknown ? "wrong-error" : "ok", status: codeName(error.code), message: error.rawMessage, input };
}
