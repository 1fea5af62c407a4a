/**
 * The code of README.md (and docs/) is cut from examples/, which
 * scripts/run-examples.ts runs against the packed package, so a snippet
 * cannot drift from code that works. A snippet is a fenced block right after
 * `<!-- snippet: examples/<path>#<region> -->`; the region is marked in the
 * example file with `// #region <name>` … `// #endregion` (VS Code's folding
 * markers). A name may mark several pieces of a file, shown joined (a
 * try/finally around the rest of a script); the text is dedented.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../../..");
const docs = ["README.md", ...readdirSync(join(repo, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

const regionStart = /^\s*(?:\/\/|#) #region (\S+)\s*$/;
const regionEnd = /^\s*(?:\/\/|#) #endregion\b/;

/** The regions of a file by name, dedented; throws on unbalanced markers. */
function regionsOf(text: string, file: string): Map<string, string> {
  const lines = new Map<string, string[]>();
  const open: string[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    const start = regionStart.exec(line);
    if (start) open.push(start[1]!);
    else if (regionEnd.test(line)) {
      if (!open.pop()) throw new Error(`${file}:${i + 1}: #endregion without #region`);
    } else for (const name of open) lines.set(name, [...(lines.get(name) ?? []), line]);
  }
  if (open.length) throw new Error(`${file}: #region ${open.join(", ")} is never closed`);
  return new Map(
    [...lines].map(([name, body]) => {
      const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
      return [name, body.map((l) => l.slice(indent)).join("\n").trimEnd()];
    }),
  );
}

interface Block {
  doc: string;
  line: number;
  lang: string;
  code: string;
  /** `examples/…#region`, from the marker before the block. */
  source?: string;
}

/** The fenced blocks of a Markdown file, each with the snippet marker before it (only blank lines and comments between). */
function blocksOf(doc: string): Block[] {
  const lines = readFileSync(join(repo, doc), "utf8").split("\n");
  const blocks: Block[] = [];
  let source: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = /^<!-- snippet: (\S+) -->$/.exec(line);
    if (marker) source = marker[1];
    const fence = /^```(\w*)$/.exec(line);
    if (fence) {
      const end = lines.indexOf("```", i + 1);
      blocks.push({ doc, line: i + 1, lang: fence[1]!, code: lines.slice(i + 1, end).join("\n").trimEnd(), source });
      i = end;
      source = undefined;
    } else if (line.trim() && !line.startsWith("<!--")) source = undefined;
  }
  return blocks;
}

function exampleFiles(dir = join(repo, "examples")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (["node_modules", "dist", ".wrangler"].includes(entry)) return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? exampleFiles(path) : /\.(m|c)?[jt]s$/.test(entry) && !entry.endsWith(".d.ts") ? [path] : [];
  });
}

const fenceOf: Record<string, string> = { ".ts": "ts", ".mts": "ts", ".js": "js", ".mjs": "js", ".cjs": "js" };
const blocks = docs.flatMap(blocksOf);
const snippets = blocks.filter((b) => b.source);

describe("README and docs snippets come from examples/", () => {
  it("has snippets to check", () => {
    expect(snippets.filter((b) => b.doc === "README.md").length).toBeGreaterThanOrEqual(5);
  });

  it.each(snippets.map((b) => [`${b.doc}:${b.line} ${b.source}`, b] as const))("%s equals its region", (_, block) => {
    const [file, region] = block.source!.split("#");
    expect(file, "snippet sources are files of examples/").toMatch(/^examples\//);
    const regions = regionsOf(readFileSync(join(repo, file!), "utf8"), file!);
    expect([...regions.keys()], `region ${region} in ${file}`).toContain(region);
    expect(block.lang, `fence language of ${file}`).toBe(fenceOf[extname(file!)]);
    expect(block.code, `${block.doc}:${block.line}: copy the region ${region} of ${file} here`).toBe(regions.get(region!));
  });

  it("shows JavaScript and TypeScript only as snippets", () => {
    const loose = blocks.filter((b) => ["ts", "js", "tsx", "mjs", "cjs"].includes(b.lang) && !b.source).map((b) => `${b.doc}:${b.line}`);
    expect(loose, "add <!-- snippet: examples/<file>#<region> --> before these blocks").toEqual([]);
  });

  it("shows every region of examples/ somewhere", () => {
    const shown = new Set(snippets.map((b) => b.source));
    const unused = exampleFiles().flatMap((path) => {
      const file = relative(repo, path).split("\\").join("/");
      return [...regionsOf(readFileSync(path, "utf8"), file).keys()].map((name) => `${file}#${name}`).filter((s) => !shown.has(s));
    });
    expect(unused).toEqual([]);
  });

  it("cuts regions as documented", () => {
    const text = ["// #region a", "x();", "try {", "  // #region b", "  y();", "  // #endregion", "  // #endregion", "  z();", "  // #region a", "} finally {}", "// #endregion"].join("\n");
    const regions = regionsOf(text, "t.js");
    expect(regions.get("a")).toBe("x();\ntry {\n  y();\n} finally {}");
    expect(regions.get("b")).toBe("y();");
    expect(() => regionsOf("// #region open\n", "t.js")).toThrow(/never closed/);
  });
});
