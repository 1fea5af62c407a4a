/**
 * What global-setup.ts hands to the runtime test files (vitest provide/inject).
 */
export interface RuntimeEnv {
  /** Scratch project with the packed mosaico-web installed and demo/edge copied to `edge/`. */
  appDir: string;
  /** Reference server (API keys on), seeded by fixtures/seed-node.mjs. */
  serverUrl: string;
  /** A read-only key created by the seed script. */
  readKey: string;
  /** A write key on `serverUrl` (uploads from the runtimes). */
  writeKey: string;
  /** Reference server like `serverUrl` but with `gzip: true` (mosaicod --gzip), seeded the same way. */
  gzipServerUrl: string;
  /** A read-only key of the gzip server. */
  gzipReadKey: string;
  /** Gateway mode in front of `serverUrl`: injects `readKey`, read-only allow-list, no gzip. */
  gatewayUrl: string;
  /** The same gateway, but injecting `unknownKey`: the store refuses every call. */
  refusingGatewayUrl: string;
  /** A well-formed key no server knows. */
  unknownKey: string;
  /** What `import.meta.resolve("mosaico-web")` gave in Node inside the scratch project. */
  nodeEntry: string;
  /** Protocol the Node seed client used by default. */
  nodeProtocol: string;
  /** Seconds spent building, packing, installing and seeding. */
  setupSeconds: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    runtimeEnv: RuntimeEnv;
  }
}

/** Seed data (fixtures/seed-node.mjs): IMU at 200 Hz from 2026-01-01T00:00:00Z, 2000 rows. */
export const seed = {
  T0: 1_767_225_600_000_000_000n,
  STEP: 5_000_000n,
  ROWS: 2000,
} as const;

/** The seeded IMU row i as the demo's JSON renders it. */
export function imuRowJson(i: number): Record<string, unknown> {
  return {
    timestamp_ns: (seed.T0 + BigInt(i) * seed.STEP).toString(),
    acceleration: { x: i, y: 2 * i, z: 9.81 },
    angular_velocity: { x: i / 1000, y: 0, z: -1 },
    temperature: 20 + (i % 10),
  };
}
