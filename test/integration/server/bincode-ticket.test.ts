import { describe, expect, it } from "vitest";
import {
  decodeTicket,
  encodeTicket,
  TicketDecodeError,
} from "../../../server/flight/bincode-ticket.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex").toUpperCase();

describe("bincode-2 ticket (docs/protocol.md §6.2)", () => {
  it("encodes the worked example `a/b`, start 1000, no end", () => {
    expect(hex(encodeTicket({ locator: "a/b", start: 1000n }))).toBe("03612F6201FBD00700");
  });

  it("decodes the worked example", () => {
    const bytes = Uint8Array.from([0x03, 0x61, 0x2f, 0x62, 0x01, 0xfb, 0xd0, 0x07, 0x00]);
    expect(decodeTicket(bytes)).toEqual({ locator: "a/b", start: 1000n });
  });

  it("uses one byte below 251 and the 0xFB/0xFC/0xFD markers above", () => {
    expect(hex(encodeTicket({ locator: "", start: 0n, end: -1n }))).toBe("0001000101");
    expect(hex(encodeTicket({ locator: "", start: 125n }))).toBe("0001FA00"); // zigzag 250
    expect(hex(encodeTicket({ locator: "", start: 126n }))).toBe("0001FBFC0000"); // 252
    expect(hex(encodeTicket({ locator: "", start: 40_000n }))).toBe("0001FC8038010000");
    const ns = 1_767_225_600_123_456_789n; // > 2^53: must survive exactly
    expect(hex(encodeTicket({ locator: "", end: ns }))).toBe(
      `000001FD${Buffer.from(new BigUint64Array([ns * 2n]).buffer).toString("hex").toUpperCase()}`,
    );
  });

  it("round-trips i64 extremes, UTF-8 locators and long locators", () => {
    const cases = [
      { locator: "drive_2026/sensors/imu", start: 1_767_225_600_123_456_789n, end: 1_767_225_700_000_000_001n },
      { locator: "x", start: -(1n << 63n), end: (1n << 63n) - 1n },
      { locator: "y".repeat(300) },
      { locator: "ünï/cödé", end: -5n },
    ];
    for (const ticket of cases) expect(decodeTicket(encodeTicket(ticket))).toEqual(ticket);
  });

  it("rejects malformed tickets", () => {
    const bad = [
      new Uint8Array(),
      Uint8Array.from([0x05, 0x61]), // truncated string
      Uint8Array.from([0x01, 0x61, 0x02, 0x00]), // bad Option tag
      Uint8Array.from([0x01, 0x61, 0x00, 0x00, 0x00]), // trailing byte
      Uint8Array.from([0x01, 0x61, 0x01, 0xfe]), // u128 marker
      Uint8Array.from([0x01, 0xff, 0x00, 0x00]), // not UTF-8
    ];
    for (const bytes of bad) expect(() => decodeTicket(bytes)).toThrow(TicketDecodeError);
  });
});
