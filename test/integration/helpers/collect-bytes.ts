/** All the chunks of a byte stream, joined (an exported MCAP, a download). */
import { concatBytes } from "../../../src/protocol/index.js";

export async function collectBytes(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return concatBytes(parts);
}
