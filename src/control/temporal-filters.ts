/**
 * Temporal filters (protocol §8.6): `topic_filter_clusterize` and
 * `topic_filter_intersect` answer with one JSONL Result per time window,
 * streamed as the server finds them.
 */
import { clusterizeRequestBody, intersectRequestBody, type ClusterizeOptions, type IntersectOptions } from "../query/temporal-filter.js";
import { streamAction } from "./action-runner.js";
import type { CallOptions } from "./call-options.js";
import { asObject, readBigInt } from "./codec/json-fields.js";
import type { ControlContext } from "./control-context.js";
import type { JsonValue } from "./json.js";

/** One matching window `[startNs, endNs]` with its id (0, 1, … in time order). */
export interface TimeWindow {
  id: bigint;
  startNs: bigint;
  endNs: bigint;
}

function readWindow(value: JsonValue): TimeWindow {
  const item = asObject(value, "time window");
  const ts = asObject(item.ts, "time window ts");
  return { id: readBigInt(item, "id", "time window"), startNs: readBigInt(ts, "start_ns", "time window"), endNs: readBigInt(ts, "end_ns", "time window") };
}

async function* windows(ctx: ControlContext, action: string, body: Parameters<typeof streamAction>[2], options?: CallOptions): AsyncGenerator<TimeWindow> {
  for await (const item of streamAction(ctx, action, body, options)) yield readWindow(item);
}

/** Windows where a topic's data matches the ontology conditions. */
export function clusterize(ctx: ControlContext, options: ClusterizeOptions & CallOptions): AsyncGenerator<TimeWindow> {
  return windows(ctx, "topic_filter_clusterize", clusterizeRequestBody(options), options);
}

/** Windows where the conditions of several topics of one sequence hold together. */
export function intersect(ctx: ControlContext, options: IntersectOptions & CallOptions): AsyncGenerator<TimeWindow> {
  return windows(ctx, "topic_filter_intersect", intersectRequestBody(options), options);
}
