/**
 * A browser app built with esbuild from the installed package pulls in the
 * web entry only: nothing from dist/node, no `node:` module, no
 * @connectrpc/connect-node. Node itself resolves the `node` condition.
 */
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, inject, it } from "vitest";

const env = inject("runtimeEnv");

describe("packaging", () => {
  let metafile: Metafile;
  let code: string;

  beforeAll(async () => {
    const result = await build({
      absWorkingDir: env.appDir,
      entryPoints: ["browser-app.mjs"],
      bundle: true,
      format: "esm",
      platform: "browser",
      minify: true,
      write: false,
      metafile: true,
      outfile: "browser-dist/app.js",
      logLevel: "silent",
    });
    metafile = result.metafile;
    code = result.outputFiles[0]!.text;
  });

  it("a browser bundle holds the web entry and nothing Node-only", () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain("node_modules/mosaico-web/dist/index.js");
    expect(inputs.filter((path) => path.includes("mosaico-web/dist/node/"))).toEqual([]);
    expect(inputs.filter((path) => path.includes("connect-node"))).toEqual([]);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => path.startsWith("node:"))).toEqual([]);
    expect(code).not.toMatch(/["']node:[a-z/]+["']/);
  });

  it("under Node, import \"mosaico-web\" resolves the node condition and speaks native gRPC", () => {
    expect(env.nodeEntry).toMatch(/node_modules\/mosaico-web\/dist\/node\/index\.js$/);
    expect(env.nodeProtocol).toBe("grpc");
  });
});
