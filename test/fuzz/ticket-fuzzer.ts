/**
 * DoGet tickets. Mutates: bincode tickets of real topics (the baseline, the
 * action fixtures, a topic without data, unknown names), with byte
 * mutations and hand-made edge cases: varint markers 0xFB–0xFF, lengths past
 * the end or near 2^64, Option tags other than 0/1, i64 extremes, reversed
 * windows, invalid UTF-8 / WTF-8 surrogates in the locator, trailing bytes,
 * empty and megabyte tickets.
 * Asserts: the stream ends with a status within the deadline, never
 * INTERNAL/UNKNOWN.
 */
import { encodeTicket } from "../../server/flight/bincode-ticket.js";
import { T0 } from "../integration/helpers/imu-data.js";
import { doGet } from "./fixtures.js";
import { CASE_DEADLINE_MS, type ServerFuzzer } from "./fuzzer.js";
import { hexPreview, mutateBytes } from "./mutate-bytes.js";
import { HOSTILE_STRINGS } from "./mutate-json.js";
import type { Rng } from "./prng.js";
import { judge, withDeadline } from "./server-harness.js";

const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

function bound(rng: Rng): bigint | undefined {
  return rng.pick<bigint | undefined>([undefined, undefined, T0, T0 + 1_000_000_000n, T0 + 750_000_000n, 0n, -1n, I64_MAX, I64_MIN, T0 - 1n, 1n << 40n]);
}

/** Hand-made malformed encodings around the bincode rules. */
function craftedTicket(rng: Rng, locator: string): Uint8Array {
  const loc = [...new TextEncoder().encode(locator)];
  const len = loc.length;
  switch (rng.int(0, 11)) {
    case 0: return Uint8Array.from([rng.pick([0xfb, 0xfc, 0xfd, 0xfe, 0xff]), ...rng.bytes(rng.int(0, 9))]);
    case 1: return Uint8Array.from([0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, ...loc, 0, 0]); // length near 2^64
    case 2: return Uint8Array.from([0xfc, ...[len + rng.int(1, 1000), 0, 0, 0].map((b) => b & 0xff), ...loc, 0, 0]); // length past the end
    case 3: return Uint8Array.from([len, ...loc, rng.int(2, 255), 0]); // bad Option tag
    case 4: return Uint8Array.from([len, ...loc, 1, rng.pick([0xfe, 0xff]), ...rng.bytes(16), 0]); // u128 / invalid markers
    case 5: return Uint8Array.from([len, ...loc, 1, 0xfd, ...rng.bytes(8), 1, 0xfd, ...rng.bytes(8)]); // random i64 bounds
    case 6: return Uint8Array.from([len, ...loc, 0, 0, ...rng.bytes(rng.int(1, 8))]); // trailing bytes
    case 7: return Uint8Array.from([len, ...loc, 1, 0xfb]); // cut inside a varint
    case 8: return Uint8Array.from([len + 3, ...loc.slice(0, 2), 0xed, 0xa0, 0x80, ...loc.slice(2), 0, 0]); // WTF-8 surrogate
    case 9: return Uint8Array.from([len + 1, ...loc, rng.pick([0xff, 0xc0, 0x80]), 0, 0]); // invalid UTF-8
    case 10: return encodeTicket({ locator: rng.pick(HOSTILE_STRINGS) });
    default: return rng.chance(0.5) ? new Uint8Array() : rng.bytes(rng.chance(0.1) ? 1 << 20 : rng.size(64));
  }
}

/** The ticket fuzzer. */
export const ticketFuzzer: ServerFuzzer = {
  name: "tickets",
  async run(ctx, rng, index) {
    const f = ctx.fixtures;
    const locator = rng.pick([f.baseline.locator, ...f.act.topics, f.act.emptyTopic, `${f.put.sequence}/c/${index % 50}`, "nope/x", "fuzz_act", "fuzz_act/sensors"]);
    let ticket: Uint8Array;
    let how: string;
    const start = bound(rng);
    const end = bound(rng);
    const valid = encodeTicket({ locator, ...(start !== undefined && { start }), ...(end !== undefined && { end }) });
    const mode = rng.weighted([[10, "valid"], [55, "bytes"], [35, "crafted"]] as const);
    if (mode === "valid") {
      ticket = valid;
      how = `valid start=${start} end=${end}`;
    } else if (mode === "bytes") {
      const m = mutateBytes(rng, valid, 4);
      ticket = m.bytes;
      how = `bytes [${m.ops.join(",")}]`;
    } else {
      ticket = craftedTicket(rng, locator);
      how = "crafted";
    }
    const input = `${how} of ${locator}: ${hexPreview(ticket, 80)}`;
    const settled = await withDeadline(CASE_DEADLINE_MS, (signal) => doGet(ctx.server.flight, ticket, signal));
    return judge(settled, input);
  },
};
