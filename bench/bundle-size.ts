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
  minBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  packages: Array<[string, number]>;
}

function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match ? match[1]! : "(app)";
}

function largestPackages(metafile: Metafile): Array<[string, number]> {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      sizes.set(packageOf(path), (sizes.get(packageOf(path)) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

async function measure(appDir: string, name: string, source: string): Promise<Row> {
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
    outfile: join(appDir, "bundle-size", `${name}.js`),
    logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  return {
    app: name,
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
    packages: largestPackages(result.metafile),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function printTable(rows: Row[]): void {
  const header = ["app", "min", "min+gzip", "min+brotli", "largest parts (minified)"];
  const lines = rows.map((row) => [
    row.app,
    kb(row.minBytes),
    kb(row.gzipBytes),
    kb(row.brotliBytes),
    row.packages.slice(0, 4).map(([name, bytes]) => `${name} ${kb(bytes)}`).join(", "),
  ]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => (i > 0 && i < 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ")} |`;
  console.log(format(header));
  console.log(`|${widths.map((w, i) => (i > 0 && i < 4 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`);
  for (const line of lines) console.log(format(line));
}

const { appDir, seconds } = packAndInstall({ dir: ".tmp/bundle-size" });
mkdirSync(join(appDir, "bundle-size"), { recursive: true });
const rows: Row[] = [];
for (const [name, source] of Object.entries(apps)) rows.push(await measure(appDir, name, source));
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log(`mosaico-web browser bundles (esbuild ${(await import("esbuild")).version}, platform browser, packed package; setup ${seconds.toFixed(1)} s)\n`);
  printTable(rows);
}
