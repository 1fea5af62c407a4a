/**
 * Small PNG frames of a front camera, rendered from the drive's true state
 * (road perspective, curvature from the yaw rate, lane dashes moving with the
 * odometer, weather) with a HUD line of time and speed, encoded by pngjs.
 * (jpeg-js was tried first: it rebuilds its tables on every call, ~25 ms a
 * frame, which made seeding take a minute; pngjs with one filter takes ~2 ms.)
 */
import { PNG } from "pngjs";
import type { DriveState } from "./drive-sim.js";

export type Weather = "clear" | "rain" | "overcast" | "indoor";

export interface FrameOptions {
  width: number;
  height: number;
  weather: Weather;
}

type Rgb = [number, number, number];

// A 3x5 pixel font: enough for the HUD (digits, a few capitals, '.', '+', '/', ':').
const GLYPHS: Record<string, string> = {
  "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
  "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001010010010",
  "8": "111101111101111", "9": "111101111001111", ".": "000000000000010", "+": "000010111010000",
  "/": "001001010100100", ":": "000010000010000", " ": "000000000000000", T: "111010010010010",
  K: "101110100110101", M: "101111111101101", H: "101101111101101", B: "110101110101110",
  R: "110101110110101", A: "010101111101101", E: "111100110100111", S: "111100111001111",
};

/** RGB pixels, 3 bytes each (what the PNG encoder takes without conversion). */
class Canvas {
  readonly data: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height * 3);
  }
  set(x: number, y: number, color: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.put((y * this.width + x) * 3, color);
  }
  /** Writes one pixel at a byte offset (the hot path: no bounds check, no allocation). */
  put(offset: number, color: Rgb): void {
    this.data[offset] = color[0];
    this.data[offset + 1] = color[1];
    this.data[offset + 2] = color[2];
  }
  rect(x0: number, y0: number, w: number, h: number, color: Rgb): void {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, color);
  }
  text(x: number, y: number, text: string, color: Rgb): void {
    for (const ch of text.toUpperCase()) {
      const glyph = GLYPHS[ch] ?? GLYPHS[" "]!;
      for (let i = 0; i < 15; i++) if (glyph[i] === "1") this.set(x + (i % 3), y + Math.floor(i / 3), color);
      x += 4;
    }
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;

const PALETTES: Record<Weather, { skyTop: Rgb; skyBottom: Rgb; ground: Rgb; road: Rgb; line: Rgb }> = {
  clear: { skyTop: [70, 130, 200], skyBottom: [185, 215, 240], ground: [96, 140, 74], road: [78, 80, 86], line: [240, 240, 230] },
  rain: { skyTop: [96, 104, 116], skyBottom: [150, 156, 164], ground: [70, 92, 66], road: [56, 58, 64], line: [200, 200, 196] },
  overcast: { skyTop: [140, 150, 160], skyBottom: [200, 204, 210], ground: [110, 130, 96], road: [88, 90, 96], line: [235, 230, 200] },
  indoor: { skyTop: [40, 42, 48], skyBottom: [70, 72, 80], ground: [92, 94, 100], road: [110, 112, 118], line: [230, 200, 60] },
};

/** Renders the RGB pixels of one frame. */
export function renderFrame(state: DriveState, t: number, options: FrameOptions, noise: () => number): Uint8Array {
  const { width: W, height: H } = options;
  const p = PALETTES[options.weather];
  const canvas = new Canvas(W, H);
  const horizon = Math.round(H * 0.42);
  const curve = Math.max(-1, Math.min(1, -state.yawRate * 4));
  for (let y = 0; y < H; y++) {
    if (y < horizon) {
      const color = mix(p.skyTop, p.skyBottom, y / horizon);
      for (let x = 0; x < W; x++) canvas.put((y * W + x) * 3, color);
      continue;
    }
    const near = (y - horizon) / (H - horizon); // 0 at the horizon, 1 at the bottom
    const depth = 4 / Math.max(near, 0.02); // metres ahead
    const center = W / 2 + curve * (1 - near) ** 2 * W * 0.35;
    const half = W * 0.05 + near * W * 0.55;
    const dash = Math.floor((state.odometer + depth) / 3) % 2 === 0;
    const ground = mix(p.ground, p.skyBottom, (1 - near) * 0.3);
    for (let x = 0; x < W; x++) {
      const u = Math.abs((x - center) / half); // 0 at the centre line, 1 at the road edge
      let color = u <= 1 ? p.road : ground;
      if (Math.abs(u - 0.95) < 0.03) color = p.line;
      if (dash && u < 0.025 + 0.5 / half) color = p.line;
      canvas.put((y * W + x) * 3, color);
    }
  }
  if (options.weather === "rain") {
    for (let i = 0; i < 60; i++) {
      const x = Math.floor(noise() * W);
      const y = Math.floor(noise() * H);
      for (let k = 0; k < 4; k++) canvas.set(x + (k >> 1), y + k, [190, 196, 210]);
    }
  }
  canvas.rect(0, 0, W, 9, [16, 18, 24]);
  const kmh = Math.round(state.speed * 3.6);
  canvas.text(2, 2, `T+${t.toFixed(1).padStart(5, "0")}`, [240, 240, 240]);
  canvas.text(W - 4 * (String(kmh).length + 5) - 2, 2, `${kmh} KM/H`, [120, 230, 150]);
  if (state.accel < -3) canvas.text(W / 2 - 10, 2, "BRAKE", [255, 80, 70]);
  return canvas.data;
}

/** One PNG frame (bytes of a .png file, RGB, Paeth filter). */
export function encodeFrame(state: DriveState, t: number, options: FrameOptions, noise: () => number): Uint8Array {
  const png = new PNG({ width: options.width, height: options.height });
  png.data = Buffer.from(renderFrame(state, t, options, noise).buffer);
  const encoded = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, filterType: 4, deflateLevel: 3 });
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}
