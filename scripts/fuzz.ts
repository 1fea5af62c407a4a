/**
 * Seeded, deterministic fuzzing of the reference server and the client.
 *
 *   npm run fuzz -- [--cases N] [--seed S] [--class name[,name]] [--from I]
 *
 * Classes: actions, doput, tickets, grpc-web (against the reference server
 * in a child process) and client (the SDK against a fake in-memory server
 * replaying recorded answers, mutated; in its own child process).
 * `--cases` is per class; case I of a class depends only on (seed, class, I),
 * so `--from I --cases 1` replays one case (server state aside: earlier
 * cases may have created or deleted things). After every server case the
 * server must still answer `info`; the baseline topic must read back
 * with the same data (compared decoded: the LZ4 encoder in use may change
 * the wire bytes) at the end, after a restart too. Exit 1 on any crash, hang
 * or data loss; wrong errors (INTERNAL/UNKNOWN for the caller's bad input,
 * or a client error that is not a MosaicoError) are reported only.
 * FUZZ_TRACE=<file> appends the client class's mutations as they happen.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { actionsFuzzer } from "../test/fuzz/actions-fuzzer.js";
import { runClientClass } from "../test/fuzz/client-runner.js";
import { doPutFuzzer } from "../test/fuzz/doput-fuzzer.js";
import { baselineDigest, createFixtures } from "../test/fuzz/fixtures.js";
import type { ServerContext, ServerFuzzer } from "../test/fuzz/fuzzer.js";
import { grpcWebFuzzer } from "../test/fuzz/grpc-web-fuzzer.js";
import { Tally, type CaseResult } from "../test/fuzz/outcome.js";
import { caseSeed, Rng } from "../test/fuzz/prng.js";
import { FuzzServer } from "../test/fuzz/server-harness.js";
import { ticketFuzzer } from "../test/fuzz/ticket-fuzzer.js";

const SERVER_FUZZERS: ServerFuzzer[] = [actionsFuzzer, doPutFuzzer, ticketFuzzer, grpcWebFuzzer];
const ALL = [...SERVER_FUZZERS.map((f) => f.name), "client"];

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    class: { type: "string", default: ALL.join(",") },
    from: { type: "string", default: "0" },
    quiet: { type: "boolean", default: false },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const from = Number(values.from);
const classes = values.class!.split(",").map((c) => c.trim()).filter(Boolean);
for (const c of classes) if (!ALL.includes(c)) throw new Error(`unknown class ${c}; one of ${ALL.join(", ")}`);

const tally = new Tally();
let current = { cls: "setup", index: -1 };
// A harness bug surfaces here (the client class runs in its own process).
for (const event of ["unhandledRejection", "uncaughtException"] as const) {
  process.on(event, (reason: unknown) => {
    const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    tally.add(current.cls, seed, current.index, { outcome: "crash", status: event, message, input: "(asynchronous)" });
  });
}

function log(line: string): void {
  if (!values.quiet) process.stderr.write(`${line}\n`);
}

/** The checks after every server case: still running, still answering. */
async function afterServerCase(ctx: ServerContext, result: CaseResult): Promise<CaseResult> {
  const call = `(the case's call: ${result.status ?? "-"} ${(result.message ?? "").slice(0, 200)})`;
  if (!ctx.server.alive) {
    const exited = ctx.server.exited!;
    await ctx.server.restart();
    return { ...result, outcome: "crash", status: "EXIT", message: `${exited} ${call}` };
  }
  const unhealthy = await ctx.server.health();
  if (unhealthy === undefined) return result;
  // The server may be fine and only the client's connection broken: ask again on a new one.
  const again = await ctx.server.healthOnNewConnection();
  if (again === undefined) return { ...result, outcome: "wrong-error", status: "HEALTH-RECONNECT", message: `${unhealthy}; fine on a new connection ${call}` };
  const alive = ctx.server.alive;
  await ctx.server.restart();
  return { ...result, outcome: alive ? "hang" : "crash", status: "HEALTH", message: `${again} ${call}` };
}

async function checkBaseline(ctx: ServerContext, cls: string, index: number): Promise<void> {
  const digest = await baselineDigest(ctx.server.flight, ctx.fixtures).catch((e: unknown) => `unreadable: ${String(e)}`);
  if (digest !== ctx.fixtures.baseline.digest) {
    tally.add(cls, seed, index, { outcome: "data-lost", status: "BASELINE", message: `baseline digest changed: ${digest}`, input: "(after this case)" });
    ctx.fixtures.baseline.digest = digest; // report each change once
  }
}

async function runServerClass(ctx: ServerContext, fuzzer: ServerFuzzer): Promise<void> {
  const started = Date.now();
  for (let index = from; index < from + cases; index++) {
    current = { cls: fuzzer.name, index };
    const rng = new Rng(caseSeed(seed, fuzzer.name, index));
    let result: CaseResult;
    try {
      result = await fuzzer.run(ctx, rng, index);
    } catch (error) {
      result = { outcome: "wrong-error", status: "HARNESS", message: String(error instanceof Error ? error.stack : error), input: "" };
    }
    result = await afterServerCase(ctx, result);
    tally.add(fuzzer.name, seed, index, result);
    if (result.outcome !== "ok") log(`  ${fuzzer.name} #${index}: ${result.outcome} ${result.status ?? ""} ${(result.message ?? "").slice(0, 160)}`);
    if ((index - from + 1) % 100 === 0) await checkBaseline(ctx, fuzzer.name, index);
    if ((index - from + 1) % 500 === 0) log(`${fuzzer.name}: ${index - from + 1}/${cases} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await checkBaseline(ctx, fuzzer.name, from + cases - 1);
  log(`${fuzzer.name}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function runClientFuzz(url: string): Promise<void> {
  const started = Date.now();
  // Tapes of both JSON releases: the 0.6 one answers `version` and sends schema metadata.
  const oldDir = mkdtempSync(join(tmpdir(), "mosaico-fuzz-06-"));
  const old = await FuzzServer.start(oldDir, "0.6");
  try {
    await createFixtures(old.flight);
    let done = 0;
    await runClientClass({ "0.7": url, "0.6": old.url }, seed, from, cases, (index, result) => {
      current = { cls: "client", index };
      tally.add("client", seed, index, result);
      if (result.outcome !== "ok") log(`  client #${index}: ${result.outcome} ${result.status ?? ""} ${(result.message ?? "").slice(0, 160)}`);
      if (++done % 1000 === 0) log(`client: ${done}/${cases} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    });
  } finally {
    await old.close();
    rmSync(oldDir, { recursive: true, force: true });
  }
  log(`client: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "mosaico-fuzz-"));
  const server = await FuzzServer.start(dataDir);
  try {
    const ctx: ServerContext = { server, fixtures: await createFixtures(server.flight) };
    for (const fuzzer of SERVER_FUZZERS) if (classes.includes(fuzzer.name)) await runServerClass(ctx, fuzzer);
    // The client class records its tapes from this server, then runs in memory.
    if (classes.includes("client")) await runClientFuzz(server.url);
    // Last word on the baseline, after a restart too: the data must survive it.
    await server.restart();
    await checkBaseline(ctx, "baseline", -1);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  // A failure of the harness itself (setup, fixtures), not a finding.
  process.stderr.write(`fuzz harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
}

process.stdout.write(`\nfuzz seed ${seed}, ${cases} cases per class from ${from}\n\n${tally.report()}\n`);
process.exit(tally.fatal > 0 ? 1 : 0);
