/**
 * Installs mosaico-web the way a user gets it: `npm pack` (whose prepack
 * script builds), then `npm install <tarball>` into a scratch project. The runtime tests
 * (test/runtime/) and bench/bundle-size.ts build against that install, so
 * they see exactly the files and `exports` conditions that ship.
 *
 *   npx tsx scripts/pack-install.ts [dir]     # default .tmp/packed
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface PackedInstall {
  /** The scratch project; `node_modules/mosaico-web` is the installed tarball. */
  appDir: string;
  /** Path of the packed tarball. */
  tarball: string;
  /** Seconds spent building, packing and installing. */
  seconds: number;
}

export interface PackOptions {
  /** Where the tarball and the scratch project go. Default `.tmp/packed`. */
  dir?: string;
  /** Run `npm run build` first: "always", "never", or "if-stale" (default: when a file under src/ is newer than dist/). */
  build?: "always" | "never" | "if-stale";
  /** More dependencies of the scratch project (name -> version spec). */
  dependencies?: Record<string, string>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when dist/ exists and is newer than every file of src/ (and package.json). */
export function isBuildFresh(): boolean {
  const marker = join(repoRoot, "dist/index.js");
  if (!existsSync(marker) || !existsSync(join(repoRoot, "dist/node/index.js"))) return false;
  const sources = Math.max(newestMtime(join(repoRoot, "src")), statSync(join(repoRoot, "tsconfig.build.json")).mtimeMs);
  return statSync(marker).mtimeMs >= sources;
}

function run(command: string, args: string[], cwd: string): string {
  // npm's own progress and notices go to the inherited stderr only on failure.
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Builds, packs and installs mosaico-web into `<dir>/app`. */
export function packAndInstall(options: PackOptions = {}): PackedInstall {
  const started = performance.now();
  const dir = resolve(repoRoot, options.dir ?? ".tmp/packed");
  const appDir = join(dir, "app");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  const build = options.build ?? "if-stale";
  // `npm pack` builds through the package's prepack script; --ignore-scripts skips that when dist/ is known fresh.
  const skipBuild = build === "never" || (build === "if-stale" && isBuildFresh());
  const packArgs = ["pack", "--json", "--pack-destination", dir, ...(skipBuild ? ["--ignore-scripts"] : [])];
  const packed = JSON.parse(run("npm", packArgs, repoRoot)) as Array<{ filename: string }>;
  const tarball = join(dir, packed[0]!.filename);
  const pkg = { name: "mosaico-web-scratch", private: true, type: "module", dependencies: { ...options.dependencies } };
  writeFileSync(join(appDir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  // --prefer-offline: the dependencies are the project's own, already in npm's cache after `npm ci`.
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", tarball], appDir);
  const installed = JSON.parse(readFileSync(join(appDir, "node_modules/mosaico-web/package.json"), "utf8")) as { version: string };
  if (!installed.version) throw new Error(`mosaico-web was not installed into ${appDir}`);
  return { appDir, tarball, seconds: (performance.now() - started) / 1000 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = packAndInstall({ dir: process.argv[2] });
  console.log(`installed ${result.tarball} into ${result.appDir} in ${result.seconds.toFixed(1)} s`);
}
