/**
 * A page that only browses the catalog does not download Arrow decoding or
 * LZ4: built by Vite (default code splitting) from the installed package,
 * the chunks loaded before any import() runs hold no apache-arrow, lz4js or
 * LZ4 wasm module, while a page that reads gets them in a lazy chunk.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { describe, expect, inject, it } from "vitest";

const env = inject("runtimeEnv");

interface Chunk {
  type: "chunk";
  fileName: string;
  isEntry: boolean;
  imports: string[];
  modules: Record<string, unknown>;
}

/** Module ids in the initial load (entry + static imports) and in the lazy chunks of an app. */
async function chunksOf(name: string, source: string): Promise<{ initial: string[]; lazy: string[] }> {
  const dir = join(env.appDir, "lazy-layers");
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, `${name}.mjs`);
  writeFileSync(entry, source);
  const result = await build({
    root: env.appDir,
    configFile: false,
    logLevel: "silent",
    build: { write: false, minify: false, rollupOptions: { input: entry, preserveEntrySignatures: "strict" } },
  });
  const output = (Array.isArray(result) ? result[0] : result) as { output: Array<Chunk | { type: "asset" }> };
  const chunks = output.output.filter((item): item is Chunk => item.type === "chunk");
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const visit = (chunk: Chunk) => {
    if (initial.has(chunk.fileName)) return;
    initial.add(chunk.fileName);
    for (const imported of chunk.imports) visit(byName.get(imported)!);
  };
  visit(chunks.find((chunk) => chunk.isEntry)!);
  const modules = (files: Chunk[]) => files.flatMap((chunk) => Object.keys(chunk.modules));
  return {
    initial: modules(chunks.filter((chunk) => initial.has(chunk.fileName))),
    lazy: modules(chunks.filter((chunk) => !initial.has(chunk.fileName))),
  };
}

const heavy = (id: string) => /node_modules\/(apache-arrow|lz4js|fflate)\//.test(id) || /lz4-wasm-bytes/.test(id);

describe("lazy data layer", () => {
  it("a catalog page's initial load holds no Arrow, LZ4 or fflate", async () => {
    const { initial } = await chunksOf(
      "catalog",
      `import { MosaicoClient } from "mosaico-web";
const client = await MosaicoClient.connect({ url: location.origin });
for (const name of await client.listSequences()) console.log(await client.sequenceInfo(name));`,
    );
    expect(initial.some((id) => id.includes("mosaico-web/dist/client.js"))).toBe(true);
    expect(initial.filter(heavy)).toEqual([]);
  }, 120_000);

  it("a page that reads gets Arrow in a chunk loaded on its first read", async () => {
    const { initial, lazy } = await chunksOf(
      "reader",
      `import { MosaicoClient } from "mosaico-web";
const client = await MosaicoClient.connect({ url: location.origin });
for await (const batch of await client.topicReader("drive/imu")) console.log(batch.numRows);`,
    );
    expect(initial.filter(heavy)).toEqual([]);
    expect(lazy.some((id) => id.includes("node_modules/apache-arrow/"))).toBe(true);
  }, 120_000);
});
