/**
 * The one door from the demo to the SDK: the package's public entry
 * (src/index.ts, the same module `import ... from "mosaico-web"` gives a
 * browser), plus the `$match` glob matcher of `mosaico-web/protocol`
 * (src/protocol/index.ts), so that browser-side filters read patterns exactly
 * as the server does. Nothing else under src/ is imported by the demo.
 */
export * from "../../src/index.js";
export { GlobError, matchesGlob } from "../../src/protocol/index.js";
