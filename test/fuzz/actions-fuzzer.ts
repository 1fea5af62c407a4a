/**
 * Action bodies. Mutates: the JSON body of every DoAction verb the server
 * registers (valid bodies on the fixtures, then structural JSON mutations,
 * prototype keys such as `__proto__` / `constructor` / `toString` in query
 * fields and operators, deep nesting inside fields), bodies that are not
 * JSON (empty, truncated, invalid UTF-8, BOM, lone surrogates, 100k-deep
 * arrays), and the action type itself.
 * Asserts: every call ends with a status within the deadline, never
 * INTERNAL/UNKNOWN (all of these inputs are the caller's fault).
 */
import type { JsonObject, JsonValue } from "../../src/protocol/json.js";
import { T0 } from "../integration/helpers/imu-data.js";
import { ensureVictim, type FuzzFixtures } from "./fixtures.js";
import { CASE_DEADLINE_MS, type ServerFuzzer } from "./fuzzer.js";
import { hexPreview } from "./mutate-bytes.js";
import { deeplyNested, HOSTILE_KEYS, HOSTILE_STRINGS, jsonBytes, mutateJson, nonJsonBody, randomJson } from "./mutate-json.js";
import type { Rng } from "./prng.js";
import { actionResults, judge, withDeadline } from "./server-harness.js";

const PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype"];

/** A valid body per registered verb, pointing at the fixtures. */
function validBodies(f: FuzzFixtures, rng: Rng, index: number): Record<string, JsonObject> {
  const [imu, imu2] = f.act.topics as [string, string];
  const v = f.victim;
  const ontology = { "imu.acceleration.x": { $gt: rng.pick([0, 0.5, 5]) } };
  const range = { start_ns: T0, end_ns: T0 + 2_000_000_000n };
  return {
    info: {},
    sequence_create: { locator: rng.chance(0.5) ? `fuzz_new_${index}` : v.sequence, user_metadata: { site: "lab", n: index } },
    sequence_delete: { locator: v.sequence },
    sequence_notification_create: { locator: f.act.sequence, notification_type: "error", msg: `note ${index}` },
    sequence_notification_list: { locator: f.act.sequence },
    sequence_notification_purge: { locator: f.act.sequence },
    session_create: { locator: rng.pick([f.act.sequence, v.sequence]) },
    session_finalize: { session_uuid: v.sessionUuid },
    session_delete: rng.chance(0.5) ? { locator: v.sessionLocator } : { session_uuid: v.sessionUuid },
    topic_create: {
      locator: `${f.act.sequence}/t/${index}`,
      session_uuid: f.act.sessionUuid,
      serialization_format: rng.pick(["default", "ragged", "image"]),
      ontology_tag: "imu",
      user_metadata: { k: index },
    },
    topic_delete: { locator: v.topic },
    topic_notification_create: { locator: imu, notification_type: "error", msg: "m" },
    topic_notification_list: { locator: imu },
    topic_notification_purge: { locator: imu },
    api_key_create: { permissions: rng.pick(["read", "write", "delete", "manage"]), description: "fuzz", expires_at_ns: T0 * 2n },
    api_key_status: { api_key_fingerprint: v.keyFingerprint },
    api_key_revoke: { api_key_fingerprint: v.keyFingerprint },
    query: rng.pick<JsonObject>([
      { sequence: { name: { $match: "fuzz_*" }, user_metadata: { "vehicle.id": { $eq: "veh-7" } } } },
      { topic: { ontology_tag: { $eq: "imu" }, user_metadata: { calibrated: { $eq: true } } } },
      { ontology: { "imu.acceleration.x": { $gt: 0.5 }, "imu.timestamp_ns": { $between: [T0, T0 + 10n ** 9n] } } },
      { sequence: { created_at_ns: { $geq: 0 } }, topic: { name: { $match: "/sensors/*" } }, ontology },
    ]),
    topic_filter_clusterize: { locator: imu, clustering_dt_ns: 100_000_000, ontology, timestamp_range: range },
    topic_filter_intersect: {
      topics: [
        { locator: imu, clustering_dt_ns: 100_000_000, ontology },
        { locator: imu2, clustering_dt_ns: 100_000_000, ontology: { "imu.acceleration.x": { $leq: 30 } }, timestamp_range: range },
      ],
      intersect_dt_ns: 50_000_000,
    },
  };
}

/** Puts prototype-ish names where the query engine looks names up: fields, operators, metadata keys. */
function protoInQuery(rng: Rng, body: JsonObject): JsonValue {
  const key = rng.pick(PROTO_KEYS);
  const value: JsonValue = rng.pick<JsonValue>([{ $eq: 1 }, { [`$${key}`]: 1 }, { [key]: 1 }, 1, {}, { $eq: { [key]: 1 } }]);
  const section = rng.pick(["ontology", "sequence", "topic", key]);
  const field = rng.pick([
    key, `imu.${key}`, `imu.acceleration.${key}`, `${key}.x`, `imu.acceleration[?].${key}`, `user_metadata`, "name", "imu.acceleration",
  ]);
  const target = (body[section] && typeof body[section] === "object" ? body[section] : {}) as JsonObject;
  const next: JsonObject = { ...target };
  Object.defineProperty(next, field, { value: field === "user_metadata" ? { [key]: value, [`${key}.x`]: value } : value, enumerable: true, writable: true, configurable: true });
  const out: JsonObject = { ...body };
  Object.defineProperty(out, section, { value: next, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Replaces one field of the body with `depth` levels of nesting. */
function nestedBody(rng: Rng, body: JsonObject): Uint8Array {
  const keys = Object.keys(body);
  const key = keys.length ? rng.pick(keys) : "user_metadata";
  const marker = "\u0001NESTED\u0001";
  const text = new TextDecoder().decode(jsonBytes({ ...body, [key]: marker }));
  return new TextEncoder().encode(text.replace(JSON.stringify(marker), deeplyNested(rng, rng.pick([100, 2000, 20_000, 200_000]))));
}

function mutatedType(rng: Rng, type: string): string {
  return rng.pick([
    type.toUpperCase(), `${type} `, ` ${type}`, `${type}\u0000`, type.slice(0, -1), `${type}_x`, type.replace("_", "-"),
    rng.pick(HOSTILE_STRINGS).slice(0, 200), rng.pick(HOSTILE_KEYS), "version", "ListFlights", "DoAction",
  ]);
}

/** The action-body fuzzer. */
export const actionsFuzzer: ServerFuzzer = {
  name: "actions",
  async run(ctx, rng, index) {
    if (index % 50 === 0) await ensureVictim(ctx.server.flight, ctx.fixtures);
    const bodies = validBodies(ctx.fixtures, rng, index);
    let type = rng.pick(Object.keys(bodies));
    const valid = bodies[type]!;
    const mode = rng.weighted([
      [55, "mutate"], [5, "valid"], [10, "non-json"], [8, "nested"], [12, "proto"], [5, "random"], [5, "type"],
    ] as const);
    let body: Uint8Array;
    if (mode === "valid") body = jsonBytes(valid);
    else if (mode === "mutate") body = jsonBytes(mutateJson(rng, valid));
    else if (mode === "non-json") body = nonJsonBody(rng, jsonBytes(valid));
    else if (mode === "nested") body = nestedBody(rng, valid);
    else if (mode === "proto") {
      if (rng.chance(0.7)) type = rng.pick(["query", "topic_filter_clusterize", "topic_filter_intersect"]);
      const base = type === "topic_filter_intersect" ? (bodies[type]!.topics as JsonObject[])[0]! : bodies[type]!;
      const proto = protoInQuery(rng, base);
      body = jsonBytes(type === "topic_filter_intersect" ? { ...bodies[type]!, topics: [proto, proto] } : proto);
    } else if (mode === "random") body = jsonBytes(randomJson(rng, 4));
    else {
      type = mutatedType(rng, type);
      body = jsonBytes(valid);
    }
    const input = `type=${JSON.stringify(type)} mode=${mode} body=${body.byteLength > 600 ? hexPreview(body, 64) : JSON.stringify(new TextDecoder().decode(body))}`;
    const settled = await withDeadline(CASE_DEADLINE_MS, (signal) => actionResults(ctx.server.flight, type, body, signal));
    return judge(settled, input);
  },
};
