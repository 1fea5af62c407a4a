/**
 * Consistency of a decoded record batch: every column as long as the batch,
 * and every buffer large enough for the rows its node claims.
 *
 * Why: apache-arrow builds a batch from whatever lengths the message header
 * states and reads past a short buffer as nulls or zeros. One flipped bit in
 * a header (a batch of 50 rows claiming 67,108,914) then passes as a valid
 * batch of millions of rows: a client plots garbage, and a server that
 * stores it writes hundreds of megabytes it can never read back. The checks
 * run on the decoded Data tree, so they cost one pass over offsets and
 * dictionary indices and nothing over fixed-width values.
 */
import { Type, type Data, type DataType, type Field, type RecordBatch, type Schema } from "apache-arrow";
import { Code } from "../../errors/code.js";
import { MosaicoError } from "../../errors/mosaico-error.js";

class Inconsistent extends Error {}

const fail = (path: string, what: string): never => {
  throw new Inconsistent(`column ${path}: ${what}`);
};

function checkValidity(data: Data, path: string): void {
  const bitmap = data.nullBitmap;
  const bits = bitmap ? bitmap.byteLength * 8 : 0;
  if (data.nullCount > data.length) fail(path, `${data.nullCount} nulls in ${data.length} rows`);
  if (data.nullCount > 0 && bits < data.length) fail(path, `a validity bitmap of ${bits} bits for ${data.length} rows`);
}

/** Offsets of a variable-length column: length + 1 entries, non-decreasing, within `limit`; returns the last. */
function checkOffsets(data: Data, path: string, limit: number | undefined): number {
  if (data.length === 0) return 0;
  const offsets = data.valueOffsets as Int32Array | BigInt64Array | undefined;
  if (!offsets || offsets.length < data.length + 1) fail(path, `${offsets?.length ?? 0} offsets for ${data.length} rows`);
  let previous = Number(offsets![0]!);
  if (previous < 0) fail(path, `a negative offset ${previous}`);
  for (let i = 1; i <= data.length; i++) {
    const next = Number(offsets![i]!);
    if (next < previous) fail(path, `offsets go back at row ${i - 1} (${previous} then ${next})`);
    previous = next;
  }
  if (limit !== undefined && previous > limit) fail(path, `offsets reach ${previous}, past the ${limit} values stored`);
  return previous;
}

function checkChild(data: Data, index: number, path: string, minLength: number): Data {
  const child = data.children[index];
  const name = (data.type as DataType & { children?: { name: string }[] }).children?.[index]?.name ?? String(index);
  if (!child) return fail(path, `child ${name} is missing`);
  if (child.length < minLength) fail(`${path}.${name}`, `${child.length} rows where ${minLength} are needed`);
  return child;
}

function childField(type: DataType, index: number): Field | undefined {
  return (type as DataType & { children?: Field[] }).children?.[index];
}

/**
 * A field declared non-nullable holds no nulls (arrow-rs refuses such a
 * batch; apache-arrow silently marks the field nullable, so the batch no
 * longer matches its stream's schema).
 */
function checkNonNullable(data: Data, field: Field | undefined, path: string, unmasked: boolean): void {
  if (field && !field.nullable && unmasked && data.nullCount > 0) {
    fail(path, `declared non-nullable, but it holds ${data.nullCount} nulls`);
  }
}

function checkData(data: Data, path: string): void {
  if (data.length < 0 || data.offset < 0) fail(path, `a negative length or offset`);
  checkValidity(data, path);
  const type = data.type;
  switch (type.typeId) {
    case Type.Null:
      return;
    case Type.Bool: {
      const bits = (data.values?.byteLength ?? 0) * 8;
      if (bits < data.length) fail(path, `${bits} value bits for ${data.length} rows`);
      return;
    }
    case Type.Utf8:
    case Type.Binary:
    case Type.LargeUtf8:
    case Type.LargeBinary:
      checkOffsets(data, path, data.values?.length ?? 0);
      return;
    case Type.List:
    case Type.LargeList:
    case Type.Map: {
      const end = checkOffsets(data, path, undefined);
      const items = checkChild(data, 0, path, end);
      checkNonNullable(items, childField(type, 0), `${path}[]`, true);
      checkData(items, `${path}[]`);
      return;
    }
    case Type.FixedSizeList: {
      const size = (type as DataType & { listSize: number }).listSize;
      const items = checkChild(data, 0, path, data.length * size);
      checkNonNullable(items, childField(type, 0), `${path}[]`, true);
      checkData(items, `${path}[]`);
      return;
    }
    case Type.Struct:
      data.children.forEach((_, i) => {
        const childPath = `${path}.${childField(type, i)?.name ?? i}`;
        const child = checkChild(data, i, path, data.length);
        // A struct's own nulls may mask its children's; only unmasked ones are checked.
        checkNonNullable(child, childField(type, i), childPath, data.nullCount === 0);
        checkData(child, childPath);
      });
      return;
    case Type.Union: {
      if ((data.typeIds?.length ?? 0) < data.length) fail(path, `${data.typeIds?.length ?? 0} type ids for ${data.length} rows`);
      const dense = data.valueOffsets !== undefined && data.valueOffsets.length > 0;
      data.children.forEach((_, i) => checkData(checkChild(data, i, path, dense ? 0 : data.length), `${path}|${i}`));
      return;
    }
    case Type.Dictionary: {
      const indices = data.values as ArrayLike<number | bigint> | undefined;
      if ((indices?.length ?? 0) < data.length * data.stride) fail(path, `${indices?.length ?? 0} indices for ${data.length} rows`);
      const size = data.dictionary?.length ?? 0;
      for (let i = 0; i < data.length; i++) {
        if (data.nullCount > 0 && !data.getValid(i)) continue;
        const index = Number(indices![i]!);
        if (index < 0 || index >= size) fail(path, `row ${i} points at dictionary entry ${index} of ${size}`);
      }
      return;
    }
    default: {
      // Fixed width: Int, Float, Decimal, Date, Time, Timestamp, Interval, Duration, FixedSizeBinary.
      const stored = data.values?.length ?? 0;
      if (stored < data.length * data.stride) fail(path, `${stored} values stored for ${data.length} rows`);
    }
  }
}

/**
 * Refuses a record batch whose columns or buffers do not hold the rows it
 * claims, or whose non-nullable fields hold nulls (DATA_LOSS: such bytes
 * are corrupted, whoever sent them). `schema` is the stream's, when the
 * batch came from one (apache-arrow may have loosened the batch's own).
 *
 * @throws MosaicoError DATA_LOSS naming the column and the mismatch.
 */
export function checkRecordBatch(batch: RecordBatch, schema: Schema = batch.schema): void {
  try {
    schema.fields.forEach((field, i) => {
      const column = batch.data.children[i];
      if (!column) fail(field.name, "missing from the batch");
      if (column!.length !== batch.numRows) fail(field.name, `${column!.length} rows in a batch of ${batch.numRows}`);
      checkNonNullable(column!, field, field.name, true);
      checkData(column!, field.name);
    });
  } catch (cause) {
    if (!(cause instanceof Inconsistent)) throw cause;
    throw new MosaicoError(
      Code.DataLoss,
      `received an inconsistent Arrow record batch (${cause.message}); the stream is corrupted, retry the request`,
      { cause },
    );
  }
}
