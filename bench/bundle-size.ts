/**
 * Browser bundle sizes of apps that use mosaico-web, built the way a user's
 * bundler sees the package: `npm pack`, installed into a scratch project
 * (scripts/pack-install.ts), bundled by esbuild for the browser platform,
 * minified, then gzip -9 and brotli -11. Apps:
 *
 *   catalog  connect + listSequences + sequenceInfo
 *   reader   connect + topicReader (Arrow IPC decode, LZ4)
 *   writer   connect + writeSequence / topicWriter
 *   all      every export of the package
 *
 * Each app is built three ways: esbuild as one file (what a bundler without
 * code splitting ships), esbuild with splitting, and Vite's production
 * build (Rolldown, splitting on dynamic import() by default); for the split
 * builds the sizes are of the initial load (the entry chunk and the chunks
 * it imports statically). The SDK loads its data layer (Arrow decoding,
 * LZ4), query builders and fflate on first use, so a split catalog page
 * need not download them; esbuild still puts modules that the entry
 * re-exports and a lazy chunk imports into a shared initial chunk, Vite
 * does not.
 * The last column names the largest packages in each bundle.
 *
 *   npx tsx bench/bundle-size.ts [--json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { packAndInstall } from "../scripts/pack-install.js";

const apps: Record<string, string> = {
  catalog: `
import { MosaicoClient } from "mosaico-web";
const client = await MosaicoClient.connect({ url: location.origin });
for (const name of await client.listSequences()) console.log(await client.sequenceInfo(name));
`,
  reader: `
import { MosaicoClient } from "mosaico-web";
const client = await MosaicoClient.connect({ url: location.origin });
const reader = await client.topicReader("drive/sensors/imu", { startNs: 0n });
for await (const batch of reader) console.log(batch.numRows);
`,
  writer: `
import { MosaicoClient } from "mosaico-web";
import { Field, Float64, Int64, Schema, tableFromArrays } from "apache-arrow";
const schema = new Schema([new Field("timestamp_ns", new Int64(), false), new Field("v", new Float64(), false)]);
const client = await MosaicoClient.connect({ url: location.origin });
await client.writeSequence("drive", {}, async (w) => {
  const t = await w.topicWriter("/v", { ontologyTag: "scalar", schema });
  for (const batch of tableFromArrays({ timestamp_ns: new BigInt64Array([1n]), v: new Float64Array([1]) }).batches) await t.push(batch);
});
`,
  all: `
import * as sdk from "mosaico-web";
console.log(sdk);
`,
};

interface Row {
  app: string;
  build: "esbuild, one file" | "esbuild split, initial" | "Vite, initial";
  minBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  packages: Array<[string, number]>;
}

function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match ? match[1]! : "(app)";
}

function largestPackages(metafile: Metafile, outputs: readonly string[]): Array<[string, number]> {
  const sizes = new Map<string, number>();
  for (const output of outputs.map((name) => metafile.outputs[name]!)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      sizes.set(packageOf(path), (sizes.get(packageOf(path)) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

/** The entry chunk and every chunk it imports statically: what a page loads before any import() runs. */
function initialOutputs(metafile: Metafile): string[] {
  const entry = Object.keys(metafile.outputs).find((name) => metafile.outputs[name]!.entryPoint && name.endsWith(".js"))!;
  const seen = new Set([entry]);
  const stack = [entry];
  while (stack.length > 0) {
    for (const imported of metafile.outputs[stack.pop()!]!.imports) {
      if (imported.kind === "import-statement" && !seen.has(imported.path)) {
        seen.add(imported.path);
        stack.push(imported.path);
      }
    }
  }
  return [...seen];
}

async function measure(appDir: string, name: string, source: string, split: boolean): Promise<Row> {
  const entry = join(appDir, "bundle-size", `${name}.mjs`);
  writeFileSync(entry, source);
  const result = await build({
    absWorkingDir: appDir,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    ...(split ? { splitting: true, outdir: join(appDir, "bundle-size", `${name}-split`) } : { outfile: join(appDir, "bundle-size", `${name}.js`) }),
    logLevel: "error",
  });
  const initial = split ? initialOutputs(result.metafile) : Object.keys(result.metafile.outputs).filter((o) => o.endsWith(".js"));
  const files = result.outputFiles.filter((file) => initial.some((output) => file.path.endsWith(output)));
  const sum = (size: (code: Uint8Array) => number) => files.reduce((total, file) => total + size(file.contents), 0);
  return {
    app: name,
    build: split ? "esbuild split, initial" : "esbuild, one file",
    minBytes: sum((code) => code.byteLength),
    gzipBytes: sum((code) => gzipSync(code, { level: 9 }).byteLength),
    brotliBytes: sum((code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength),
    packages: largestPackages(result.metafile, initial),
  };
}

/** Vite's production build of the app (minified, default splitting); sizes of the initial load. */
async function measureVite(appDir: string, name: string): Promise<Row> {
  const { build: viteBuild } = await import("vite");
  const result = await viteBuild({
    root: appDir,
    configFile: false,
    logLevel: "silent",
    build: { write: false, minify: true, target: "es2022", rollupOptions: { input: join(appDir, "bundle-size", `${name}.mjs`), preserveEntrySignatures: "strict" } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: Array<{ type: string; fileName: string; code?: string; isEntry?: boolean; imports?: string[]; modules?: Record<string, { renderedLength: number }> }> };
  const chunks = output.output.filter((item) => item.type === "chunk");
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entry = chunks.find((chunk) => chunk.isEntry)!;
  const initial = new Set([entry.fileName]);
  const stack = [entry];
  while (stack.length > 0) {
    for (const imported of stack.pop()!.imports ?? []) {
      if (!initial.has(imported)) {
        initial.add(imported);
        stack.push(byName.get(imported)!);
      }
    }
  }
  const codes = [...initial].map((file) => new TextEncoder().encode(byName.get(file)!.code!));
  const sizes = new Map<string, number>();
  for (const file of initial) {
    for (const [path, module] of Object.entries(byName.get(file)!.modules ?? {})) sizes.set(packageOf(path), (sizes.get(packageOf(path)) ?? 0) + module.renderedLength);
  }
  const sum = (size: (code: Uint8Array) => number) => codes.reduce((total, code) => total + size(code), 0);
  return {
    app: name,
    build: "Vite, initial",
    minBytes: sum((code) => code.byteLength),
    gzipBytes: sum((code) => gzipSync(code, { level: 9 }).byteLength),
    brotliBytes: sum((code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength),
    packages: [...sizes].sort((a, b) => b[1] - a[1]),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function printTable(rows: Row[]): void {
  const header = ["app", "build", "min", "min+gzip", "min+brotli", "largest parts (minified)"];
  const lines = rows.map((row) => [
    row.app,
    row.build,
    kb(row.minBytes),
    kb(row.gzipBytes),
    kb(row.brotliBytes),
    row.packages.slice(0, 4).map(([name, bytes]) => `${name} ${kb(bytes)}`).join(", "),
  ]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => (i > 1 && i < 5 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ")} |`;
  console.log(format(header));
  console.log(`|${widths.map((w, i) => (i > 1 && i < 5 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`);
  for (const line of lines) console.log(format(line));
}

const { appDir, seconds } = packAndInstall({ dir: ".tmp/bundle-size" });
mkdirSync(join(appDir, "bundle-size"), { recursive: true });
const rows: Row[] = [];
for (const [name, source] of Object.entries(apps)) {
  for (const split of [false, true]) rows.push(await measure(appDir, name, source, split));
  rows.push(await measureVite(appDir, name));
}
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`mosaico-web browser bundles (esbuild ${(await import("esbuild")).version}, platform browser, packed package; setup ${seconds.toFixed(1)} s)\n`);
  printTable(rows);
}
