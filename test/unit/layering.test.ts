/**
 * The architecture as rules: which folder of src/ may import which, and how
 * the server, benchmarks, scripts and demo reach the SDK. Any import outside
 * these rules fails here, so the tree cannot drift back into cycles.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");

/**
 * Allowed imports between the units of src/: a folder, or a file at the top
 * of src/. Imports inside a unit are always allowed. Read it bottom-up:
 * gen and errors are the ground, protocol the wire floor, then the layers.
 */
const allowed: Record<string, readonly string[]> = {
  gen: [],
  errors: [],
  protocol: ["gen", "errors"],
  security: ["errors"],
  runtime: ["errors"],
  compression: ["errors", "protocol"],
  transport: ["errors", "protocol", "runtime"],
  query: ["errors", "protocol"],
  ontology: ["errors", "protocol", "query"],
  "options.ts": ["compression", "runtime"],
  control: ["gen", "errors", "protocol", "security", "options.ts"],
  data: ["gen", "errors", "protocol", "control", "ontology", "options.ts"],
  "client-setup.ts": ["errors", "security", "transport", "compression", "options.ts"],
  // Worker readers: the page's side and the worker's (which builds its own connection, never a client).
  worker: ["errors", "protocol", "control", "data", "compression", "client-setup.ts", "options.ts"],
  "client.ts": ["errors", "protocol", "control", "data", "query", "compression", "transport", "runtime", "client-setup.ts", "options.ts", "worker"],
  "index.ts": [
    "errors", "protocol", "security", "runtime", "compression", "transport", "query", "ontology",
    "control", "data", "worker", "client.ts", "options.ts",
  ],
  // mosaico-web/bridge: MCAP in and out through the client's readers and writers; nothing imports it.
  bridge: ["errors", "protocol", "control", "data", "ontology", "client.ts", "options.ts"],
  // The Node entry: native gRPC, CA files, zlib, native LZ4; the only home of node: imports (and the bridge's file paths).
  node: ["errors", "protocol", "compression", "transport", "client-setup.ts", "client.ts", "index.ts", "bridge"],
};

/** How code outside src/ may reach the SDK (paths relative to src/). */
const entryRules: Record<string, (target: string) => boolean> = {
  // The reference server shares the wire floor; its gateway, a Node client of
  // the upstream, also uses the Node entry (the guarded HTTP/2 session manager).
  server: (t) => t === "protocol/index.ts" || t === "node/index.ts",
  // Benchmarks use the public entries (bridge-throughput.ts the bridge's Node build); compression.ts also compares the runtime gzip codecs.
  bench: (t) => ["index.ts", "node/index.ts", "node/bridge.ts", "protocol/index.ts"].includes(t) || t.startsWith("compression/") || t === "node/node-gzip.ts",
  scripts: (t) => ["index.ts", "node/index.ts"].includes(t),
  // The demo reaches the SDK through one door, demo/src/sdk.ts (checked below), and the bridge through its entry.
  demo: (t) => ["index.ts", "protocol/index.ts", "bridge/index.ts", "protocol/lz4/lz4js.d.ts"].includes(t),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (entry === "node_modules" || entry === "dist") return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|mts)$/.test(entry) && !entry.endsWith(".d.ts") ? [path] : [];
  });
}

const importPattern = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** Module specifiers of a file (static, dynamic and side-effect imports, re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(importPattern)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** The relative imports of `file` that land in src/, as paths relative to src/ (.ts). */
function srcTargets(file: string): string[] {
  return importsOf(file)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => normalize(join(dirname(file), spec)).replace(/\.js$/, ".ts"))
    .filter((target) => target.startsWith(join(repo, "src") + sep))
    .map((target) => relative(join(repo, "src"), target).split(sep).join("/"));
}

/** A src/-relative path -> its unit: the top folder, or the file itself at the top. */
function unitOf(srcPath: string): string {
  const [first] = srcPath.split("/");
  return first!;
}

describe("layering", () => {
  it("the rule table itself has no cycle", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle: string[] = [];
    const visit = (unit: string, path: string[]): void => {
      if (done.has(unit)) return;
      if (visiting.has(unit)) {
        cycle.push([...path, unit].join(" -> "));
        return;
      }
      visiting.add(unit);
      for (const next of allowed[unit] ?? []) visit(next, [...path, unit]);
      visiting.delete(unit);
      done.add(unit);
    };
    for (const unit of Object.keys(allowed)) visit(unit, []);
    expect(cycle).toEqual([]);
  });

  it("src/ folders import only in the allowed direction", () => {
    const violations: string[] = [];
    for (const file of sourceFiles(join(repo, "src"))) {
      const from = unitOf(relative(join(repo, "src"), file).split(sep).join("/"));
      if (!(from in allowed)) violations.push(`${relative(repo, file)}: unit ${from} has no rule in layering.test.ts`);
      for (const target of srcTargets(file)) {
        const to = unitOf(target);
        if (to !== from && !(allowed[from] ?? []).includes(to)) violations.push(`${relative(repo, file)} -> src/${target} (${from} -> ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps node: imports and connect-node inside src/node", () => {
    const offenders = sourceFiles(join(repo, "src"))
      .filter((file) => !relative(join(repo, "src"), file).startsWith("node"))
      .filter((file) => importsOf(file).some((spec) => spec.startsWith("node:") || spec === "@connectrpc/connect-node"));
    expect(offenders).toEqual([]);
  });

  it("server, bench, scripts and demo reach the SDK only through its entries", () => {
    const violations: string[] = [];
    for (const [dir, rule] of Object.entries(entryRules)) {
      for (const file of sourceFiles(join(repo, dir))) {
        for (const target of srcTargets(file)) if (!rule(target)) violations.push(`${relative(repo, file)} -> src/${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("inside the demo app, only demo/src/sdk.ts imports the SDK", () => {
    const doors = sourceFiles(join(repo, "demo/src"))
      .filter((file) => srcTargets(file).length > 0)
      .map((file) => relative(repo, file));
    expect(doors).toEqual(["demo/src/sdk.ts"]);
  });

  it("sees the imports it judges (the parser is not blind)", () => {
    const client = srcTargets(join(repo, "src/client.ts"));
    expect(client).toContain("control/catalog.ts");
    expect(client).toContain("data/topic-reader.ts");
    expect(srcTargets(join(repo, "server/index.ts")).length + sourceFiles(join(repo, "server")).flatMap(srcTargets).length).toBeGreaterThan(0);
  });
});
