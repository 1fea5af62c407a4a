/**
 * The reference server under load, and its memory for the largest action
 * bodies it takes, side by side for two builds of it in one run (issue 13's
 * before/after figures). Not a test: it prints.
 *
 *   npx tsx bench/server-load.ts [--baseline DIR] [--clients 50] [--seconds 20] [--rounds 1]
 *
 * With several rounds the builds alternate (baseline, this tree, baseline,
 * ...), so that a load change on the machine hits both alike; every round
 * is printed.
 *
 * DIR is a checkout of an older commit (e.g. `git worktree add /tmp/before
 * 197e6d2` with node_modules linked); without it only this tree runs.
 *
 * 1. Load: `clients` SDK clients, each on its own HTTP/2 connection, loop
 *    write-a-sequence (one IMU topic, 200 rows) then read-it-back-and-check,
 *    for `seconds`; meanwhile one more client times a control call
 *    (sequence_info) every 20 ms. Printed: iterations/s, p50/p99 of the
 *    control call, errors.
 * 2. Memory: on a fresh server, three concurrent sequence_create calls with
 *    the largest body the server takes (its action-body cap, or the 50 MiB
 *    message limit less framing when it has none), from a read-only key and
 *    then from a key that may write; the server's peak RSS (VmHWM) before
 *    and after.
 *
 * Each server runs in its own child process with API keys on.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { FlightService } from "../src/protocol/index.js";
import { MosaicoClient } from "../src/node/index.js";
import { imuBatch, imuSchema } from "../test/integration/helpers/imu-data.js";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    clients: { type: "string", default: "50" },
    seconds: { type: "string", default: "20" },
    rounds: { type: "string", default: "1" },
  },
});
const ROUNDS = Number(values.rounds);
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const MiB = 1024 * 1024;

interface Server {
  url: string;
  child: ChildProcess;
  readKey: string;
  writeKey: string;
  dataDir: string;
}

/** Node with tsx's loader in-process (not tsx's CLI, which runs the script in a second process). */
function tsx(tree: string): string[] {
  return ["--import", "tsx", join(tree, "server/main.ts")];
}

function createKey(tree: string, dataDir: string, permissions: string): string {
  const run = spawnSync(process.execPath, [...tsx(tree), "api-key", "create", "--permissions", permissions, "--data-dir", dataDir], { cwd: tree, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`api-key create failed: ${run.stderr}`);
  return run.stdout.trim().split("\n").at(-1)!.trim();
}

async function startServer(tree: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-load-"));
  const readKey = createKey(tree, dataDir, "read");
  const writeKey = createKey(tree, dataDir, "read|write|delete");
  const child = spawn(process.execPath, [...tsx(tree), "--port", "0", "--api-key", "--data-dir", dataDir], { cwd: tree, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((ok, fail) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const found = /listening on (\S+)/.exec(text);
      if (found) ok(found[1]!);
    });
    child.on("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  return { url, child, readKey, writeKey, dataDir };
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((ok) => server.child.once("exit", ok));
  server.child.kill("SIGTERM");
  await exited;
  rmSync(server.dataDir, { recursive: true, force: true });
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function load(server: Server): Promise<{ perSecond: number; p50: number; p99: number; errors: number; iterations: number }> {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => MosaicoClient.connect({ url: server.url, apiKey: server.writeKey })));
  const probe = await MosaicoClient.connect({ url: server.url, apiKey: server.readKey });
  await clients[0]!.writeSequence("load_probe", {}, async (w) => {
    const t = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
    await t.push(imuBatch(0, 10));
  });
  const until = performance.now() + SECONDS * 1000;
  let iterations = 0;
  let errors = 0;
  const worker = async (client: MosaicoClient, id: number) => {
    for (let k = 0; performance.now() < until; k++) {
      const name = `load_${id}_${k}`;
      try {
        await client.writeSequence(name, {}, async (w) => {
          const t = await w.topicWriter("/imu", { ontologyTag: "imu", schema: imuSchema });
          await t.push(imuBatch(0, 200));
        });
        const table = await (await client.topicReader(`${name}/imu`)).readTable();
        if (table.numRows !== 200) throw new Error(`read ${table.numRows} rows`);
        iterations++;
      } catch {
        errors++;
      }
    }
  };
  const latencies: number[] = [];
  const probing = (async () => {
    while (performance.now() < until) {
      const started = performance.now();
      try {
        await probe.sequenceInfo("load_probe");
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
      await new Promise((ok) => setTimeout(ok, 20));
    }
  })();
  const started = performance.now();
  await Promise.all([...clients.map(worker), probing]);
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all([...clients, probe].map((c) => c.close()));
  latencies.sort((a, b) => a - b);
  return { perSecond: iterations / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, iterations };
}

async function maximalBodies(server: Server, bodyBytes: number): Promise<{ idle: number; readKey: number; writeKey: number; codes: string[] }> {
  const flight = createClient(FlightService, createGrpcTransport({ baseUrl: server.url, readMaxBytes: 64 * MiB, writeMaxBytes: 64 * MiB }));
  const idle = peakRssMiB(server.child.pid!);
  // user_metadata of ~1 KiB strings, as large as allowed: the costly shape (many parsed strings).
  const body = (i: number) => {
    const value = "x".repeat(1000);
    const parts: string[] = [];
    let size = 60;
    for (let k = 0; size < bodyBytes - 1100; k++) {
      const entry = `"k${k}":"${value}"`;
      parts.push(entry);
      size += entry.length + 1;
    }
    return new TextEncoder().encode(`{"locator":"max_body_${i}","user_metadata":{${parts.join(",")}}}`);
  };
  const codes: string[] = [];
  const send = async (key: string, i: number) => {
    try {
      for await (const _ of flight.doAction({ type: "sequence_create", body: body(i) }, { headers: { "mosaico-api-key-token": key } })) {
        // one result
      }
      codes.push("OK");
    } catch (error) {
      codes.push(String((error as { code?: number }).code));
    }
  };
  await Promise.all([0, 1, 2].map((i) => send(server.readKey, i)));
  const afterRead = peakRssMiB(server.child.pid!);
  await Promise.all([3, 4, 5].map((i) => send(server.writeKey, i)));
  return { idle, readKey: afterRead, writeKey: peakRssMiB(server.child.pid!), codes };
}

/** The body cap a tree's server applies (0 when it has none). */
function bodyCap(tree: string): number {
  const config = readFileSync(join(tree, "server/config.ts"), "utf8");
  return /DEFAULT_MAX_ACTION_BODY_BYTES = (\d+) \* 1024 \* 1024/.test(config) ? Number(RegExp.$1) * MiB : 0;
}

const trees: [string, string][] = [["this tree", process.cwd()]];
if (values.baseline) trees.unshift(["baseline", resolve(values.baseline)]);

const rows: string[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const [label, tree] of trees) {
    const server = await startServer(tree);
    const figures = await load(server);
    await stop(server);
    const fresh = await startServer(tree);
    const cap = bodyCap(tree);
    const bodyBytes = cap > 0 ? cap : 50 * MiB - 64 * 1024;
    const memory = await maximalBodies(fresh, bodyBytes);
    await stop(fresh);
    rows.push(
      `| ${label}${ROUNDS > 1 ? ` (round ${round})` : ""} | ${CLIENTS} | ${figures.perSecond.toFixed(1)} | ${figures.p50.toFixed(1)} | ${figures.p99.toFixed(1)} | ${figures.errors} | ` +
        `${(bodyBytes / MiB).toFixed(1)} MiB | ${memory.idle.toFixed(0)} | ${memory.readKey.toFixed(0)} | ${memory.writeKey.toFixed(0)} | ${memory.codes.join(" ")} |`,
    );
    process.stderr.write(`${label}, round ${round}: done\n`);
  }
}
console.log(`\nserver load, ${SECONDS} s per build; peak RSS (VmHWM, MiB) for 3 concurrent maximal sequence_create bodies\n`);
console.log("| build | clients | iterations/s | control p50 ms | control p99 ms | errors | body | RSS idle | RSS after read-only key | RSS after write key | codes |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
for (const row of rows) console.log(row);
