/**
 * How many bytes each row of a record batch puts in an IPC message body: its
 * values, offsets and validity bits, in every column and nested child.
 * Buffer padding and the message header are left out; the 10% a batch keeps
 * below the server's limit is there for them. Dictionary columns count their
 * indices (dictionaries travel in their own messages).
 */
import { Type, type Data, type RecordBatch } from "apache-arrow";

/** Each row's bytes in an IPC body, in row order (fractions: validity bits are 1/8 byte). */
export function rowByteSizes(batch: RecordBatch): Float64Array {
  return elementSizes(batch.data);
}

function elementSizes(data: Data): Float64Array {
  const sizes = new Float64Array(data.length);
  if (data.nullBitmap && data.nullBitmap.byteLength > 0) sizes.fill(1 / 8);
  switch (data.typeId) {
    case Type.Null:
      return sizes;
    case Type.Bool:
      return addEach(sizes, 1 / 8);
    case Type.Struct:
      for (const child of data.children) addElementwise(sizes, elementSizes(child));
      return sizes;
    case Type.List:
    case Type.LargeList:
    case Type.Map:
      return addChildRanges(sizes, data, (i) => [Number(data.valueOffsets[i]), Number(data.valueOffsets[i + 1])]);
    case Type.FixedSizeList: {
      const size = data.stride; // the list size
      return addChildRanges(sizes, data, (i) => [i * size, (i + 1) * size]);
    }
    case Type.Binary:
    case Type.Utf8:
    case Type.LargeBinary:
    case Type.LargeUtf8:
      return addVariableWidth(sizes, data);
    case Type.BinaryView:
    case Type.Utf8View:
      return addViews(sizes, data);
    case Type.Union:
      // Unions do not occur in Mosaico ontologies; their average is close enough.
      return addEach(sizes, data.byteLength / Math.max(1, data.length));
    default:
      // Fixed width (numbers, dates, decimals, fixed-size binary, dictionary indices).
      return addEach(sizes, (data.values as ArrayLike<unknown> & { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT * data.stride);
  }
}

function addEach(sizes: Float64Array, bytes: number): Float64Array {
  for (let i = 0; i < sizes.length; i++) sizes[i]! += bytes;
  return sizes;
}

function addElementwise(sizes: Float64Array, more: Float64Array): void {
  for (let i = 0; i < sizes.length; i++) sizes[i]! += more[i]!;
}

/** Lists: one offset each, plus the child elements in the row's range. */
function addChildRanges(sizes: Float64Array, data: Data, range: (i: number) => [number, number]): Float64Array {
  const child = elementSizes(data.children[0]!);
  const prefix = new Float64Array(child.length + 1);
  for (let j = 0; j < child.length; j++) prefix[j + 1] = prefix[j]! + child[j]!;
  const offsetWidth = data.valueOffsets ? data.valueOffsets.BYTES_PER_ELEMENT : 0;
  for (let i = 0; i < sizes.length; i++) {
    const [begin, end] = range(i);
    sizes[i]! += offsetWidth + prefix[end]! - prefix[begin]!;
  }
  return sizes;
}

function addVariableWidth(sizes: Float64Array, data: Data): Float64Array {
  const offsets = data.valueOffsets;
  const width = offsets.BYTES_PER_ELEMENT;
  for (let i = 0; i < sizes.length; i++) sizes[i]! += width + Number(offsets[i + 1]) - Number(offsets[i]);
  return sizes;
}

/** Views: 16 bytes each; values longer than 12 bytes live out of line. */
function addViews(sizes: Float64Array, data: Data): Float64Array {
  const views = data.values as Uint8Array;
  const lengths = new DataView(views.buffer, views.byteOffset, views.byteLength);
  for (let i = 0; i < sizes.length; i++) {
    const length = lengths.getInt32(i * 16, true);
    sizes[i]! += 16 + (length > 12 ? length : 0);
  }
  return sizes;
}
