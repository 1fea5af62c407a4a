/**
 * Every public export of the package's entries carries a doc comment on its
 * declaration, so editors show it on hover and the API docs have a line for
 * it; entry points carry an example.
 */
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../../..");
const entries = ["src/index.ts", "src/node/index.ts", "src/protocol/index.ts", "src/bridge/index.ts", "src/node/bridge.ts"];

const program = ts.createProgram(
  entries.map((entry) => join(repo, entry)),
  { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true },
);
const checker = program.getTypeChecker();

/** The declarations behind an export, following re-exports. */
function declarationsOf(symbol: ts.Symbol): ts.Declaration[] {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target.declarations ?? [];
}

function hasDoc(declaration: ts.Declaration): boolean {
  // Variables carry their comment on the statement; JSDoc lookup handles both.
  return ts.getJSDocCommentsAndTags(declaration).length > 0;
}

function exportsOf(entry: string): ts.Symbol[] {
  const source = program.getSourceFile(join(repo, entry));
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read ${entry}`);
  return checker.getExportsOfModule(moduleSymbol);
}

describe("public API docs", () => {
  for (const entry of entries) {
    it(`every export of ${entry} has a doc comment on its declaration`, () => {
      const exported = exportsOf(entry);
      expect(exported.length).toBeGreaterThan(10);
      const undocumented = exported
        .filter((symbol) => {
          const declarations = declarationsOf(symbol).filter((d) => !d.getSourceFile().fileName.includes("/node_modules/"));
          return declarations.length > 0 && !declarations.some(hasDoc);
        })
        .map((symbol) => {
          const declaration = declarationsOf(symbol)[0]!;
          return `${symbol.getName()} (${declaration.getSourceFile().fileName.slice(repo.length + 1)})`;
        });
      expect(undocumented).toEqual([]);
    });
  }

  it("the entry points show an example", () => {
    const missing = ["MosaicoClient", "defineOntology", "Query", "createWebTransport", "decodeFlightData", "FlightDataEncoder"].filter((name) => {
      const symbol = exportsOf("src/index.ts").find((s) => s.getName() === name);
      if (!symbol) return true;
      return !declarationsOf(symbol).some((d) => ts.getJSDocTags(d).some((tag) => tag.tagName.text === "example"));
    });
    expect(missing).toEqual([]);
  });
});
