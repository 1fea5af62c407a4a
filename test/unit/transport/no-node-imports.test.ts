import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The core must run in browsers, Workers and Deno: only src/node may use node: modules.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("layering", () => {
  it("keeps node: imports and connect-node inside src/node", () => {
    const root = join(import.meta.dirname, "../../../src");
    const offenders = sourceFiles(root)
      .filter((file) => !relative(root, file).startsWith("node"))
      .filter((file) => /from\s+["'](node:|@connectrpc\/connect-node)/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
