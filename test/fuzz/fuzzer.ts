/** The shape of one fuzz class, as the runner (scripts/fuzz.ts) drives it. */
import type { FuzzFixtures } from "./fixtures.js";
import type { CaseResult } from "./outcome.js";
import type { Rng } from "./prng.js";
import type { FuzzServer } from "./server-harness.js";

/** What a server fuzz case gets: the live server and the fixtures on it. */
export interface ServerContext {
  server: FuzzServer;
  fixtures: FuzzFixtures;
}

/** One input class against the server. */
export interface ServerFuzzer {
  name: string;
  /** Runs case `index` with its own generator; must end within the deadline it sets. */
  run(ctx: ServerContext, rng: Rng, index: number): Promise<CaseResult>;
}

/** Per-case deadline of server calls (ms); a call still open then is a hang. */
export const CASE_DEADLINE_MS = 10_000;
