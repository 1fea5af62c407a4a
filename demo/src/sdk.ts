/**
 * The one door from the demo to the SDK: the package's public entry
 * (src/index.ts, the same module `import ... from "mosaico-web"` gives a
 * browser). Nothing under src/ other than index.ts is imported by the demo.
 */
export * from "../../src/index.js";
