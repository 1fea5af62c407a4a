/**
 * The text PostgreSQL's `#>>` gives a jsonb value, which mosaicod's `$match`
 * on user metadata tests (`mosaico_regex_match(user_metadata #>> '{…}', …)`):
 * strings as they are, numbers, booleans, and objects / arrays in jsonb's
 * output form (`{"a": 1, "bb": [1, 2]}`, keys shortest first, then by bytes).
 * JSON `null` gives SQL NULL: nothing to match. Numbers are written from
 * their parsed value, so `1.50` reads `1.5` here where jsonb keeps `1.50`.
 */
import type { JsonValue } from "../../src/protocol/index.js";

/** A finite double in plain decimal notation, as PostgreSQL's numeric prints it. */
export function plainDecimal(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  const [mantissa, exp] = String(n).split("e") as [string, string | undefined];
  if (exp === undefined) return mantissa;
  const negative = mantissa.startsWith("-");
  const [whole, fraction = ""] = mantissa.replace("-", "").split(".") as [string, string?];
  const digits = whole + fraction;
  const point = whole.length + Number(exp);
  const body =
    point <= 0 ? `0.${"0".repeat(-point)}${digits}` : point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

const encoder = new TextEncoder();

/** jsonb orders object keys by length, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

function jsonbText(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return plainDecimal(value);
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const keys = Object.keys(value).sort(jsonbKeyOrder);
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(value[k]!)}`).join(", ")}}`;
}

/** The `#>>` text of a value, or undefined for a missing key or JSON null. */
export function hashArrowText(value: JsonValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && !Number.isFinite(value)) return undefined;
  return jsonbText(value);
}
