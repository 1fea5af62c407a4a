/**
 * The one door from the demo to the SDK: the package's public entry
 * (src/index.ts, the same module `import ... from "mosaico-web"` gives a
 * browser), plus the `$match` glob matcher of `mosaico-web/protocol`
 * (src/protocol/index.ts), so that browser-side filters read patterns exactly
 * as the server does, and the MCAP bridge (`mosaico-web/bridge`,
 * src/bridge/index.ts), loaded on first use so that pages without recordings
 * do not bundle @mcap/core and the CDR codec. Nothing else under src/ is
 * imported by the demo.
 */
export * from "../../src/index.js";
export { GlobError, matchesGlob } from "../../src/protocol/index.js";
export type { ChannelPlan, ChannelRecord, ImportProgress, ImportResult, SkippedChannel, TopicMapping } from "../../src/bridge/index.js";

/** The MCAP bridge (importRecording, exportRecording, planChannel), as its own chunk. */
export const loadBridge = () => import("../../src/bridge/index.js");
