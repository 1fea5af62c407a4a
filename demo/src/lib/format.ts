/** Number and size formatting for tables and cards. */

const group = new Intl.NumberFormat("en-US");

/** `24,000` (bigint-safe). */
export function formatCount(value: bigint | number | undefined): string {
  if (value === undefined) return "—";
  return typeof value === "bigint" ? group.format(value) : group.format(Math.round(value));
}

/** `5.2 MB` (decimal units, as file managers show). */
export function formatBytes(value: bigint | number | undefined): string {
  if (value === undefined) return "—";
  let n = Number(value);
  const units = ["B", "kB", "MB", "GB", "TB"];
  let unit = 0;
  while (n >= 1000 && unit < units.length - 1) {
    n /= 1000;
    unit++;
  }
  return `${unit === 0 ? n : n.toFixed(n < 10 ? 2 : 1)} ${units[unit]}`;
}

/** A value of user metadata as short text. */
export function formatJsonLeaf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null";
}

/** Flattens nested user metadata to `[["vehicle.id", "veh-7"], ...]` (dot paths, as queries address them). */
export function flattenMetadata(value: unknown, prefix = ""): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object" || Array.isArray(value)) return prefix ? [[prefix, formatJsonLeaf(value)]] : [];
  const out: [string, string][] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child !== null && typeof child === "object" && !Array.isArray(child)) out.push(...flattenMetadata(child, path));
    else out.push([path, formatJsonLeaf(child)]);
  }
  return out;
}

/** The value at a dot path of nested metadata. */
export function metadataAt(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A stable hue for a label (ontology tags get their own colour). */
export function hueOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 360;
  return h;
}
