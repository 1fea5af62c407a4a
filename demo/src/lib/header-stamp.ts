/**
 * The sensor-side time of a row: `header.timestamp` (`{ seconds, nanoseconds }`)
 * of the HeaderMixin. Since the Python SDK 0.6 (mosaico#564) `timestamp_ns`
 * is a monotonic timer and this stamp is where wall-clock time lives, when
 * the recorder wrote one; many rows leave the header null.
 */
import { DataType, type RecordBatch, type Schema, type Vector } from "apache-arrow";
import { NS_PER_S } from "./time.js";

const PATH = ["header", "timestamp"] as const;

/** True when the schema has `header.timestamp.seconds` and `.nanoseconds` (rows may still leave them null). */
export function hasHeaderStamp(schema: Schema | undefined): boolean {
  let fields = schema?.fields;
  for (const name of PATH) {
    const field = fields?.find((f) => f.name === name);
    if (!field || !DataType.isStruct(field.type)) return false;
    fields = field.type.children;
  }
  return ["seconds", "nanoseconds"].every((name) => fields?.some((f) => f.name === name));
}

/** `header.timestamp` of each row in nanoseconds, null where a row has no stamp; undefined when the batch has no such column. */
export function headerStamps(batch: RecordBatch): (bigint | null)[] | undefined {
  const header = batch.getChild(PATH[0]);
  const timestamp = header?.getChild(PATH[1]);
  const seconds = timestamp?.getChild("seconds");
  const nanoseconds = timestamp?.getChild("nanoseconds");
  if (!header || !timestamp || !seconds || !nanoseconds) return undefined;
  const chain: Vector[] = [header, timestamp, seconds, nanoseconds];
  const out = new Array<bigint | null>(batch.numRows);
  for (let i = 0; i < batch.numRows; i++) {
    out[i] = chain.every((v) => v.isValid(i)) ? BigInt(seconds.get(i)) * NS_PER_S + BigInt(nanoseconds.get(i)) : null;
  }
  return out;
}
