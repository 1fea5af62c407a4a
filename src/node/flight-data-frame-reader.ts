/**
 * A gRPC response body (uncompressed) -> its FlightData messages, in one
 * stage: what connect's split, decompress and parse transforms do for a
 * FlightData stream, with their errors, minus three async stages per
 * message and protobuf's reflection. Each message is copied once into its
 * own buffer, as connect does, and decoded in place (its fields are views).
 */
import { Code, ConnectError } from "@connectrpc/connect";
import { decodeFlightDataMessage, type FlightData } from "../protocol/index.js";

const COMPRESSED_FLAG = 0b00000001;

/**
 * The FlightData messages of a gRPC response body.
 *
 * @throws ConnectError RESOURCE_EXHAUSTED for a message above `readMaxBytes`,
 *   INVALID_ARGUMENT for a body that ends inside a message, INTERNAL for a
 *   compressed message (none was negotiated) or one protobuf cannot parse.
 * @example
 * ```ts
 * for await (const message of readFlightDataFrames(response.body, 64 << 20)) console.log(message.dataBody.byteLength);
 * ```
 */
export async function* readFlightDataFrames(body: AsyncIterable<Uint8Array>, readMaxBytes: number): AsyncGenerator<FlightData> {
  const head = new Uint8Array(5);
  let headFilled = 0;
  let flags = 0;
  let target: Uint8Array | undefined;
  let filled = 0;
  for await (const chunk of body) {
    let at = 0;
    while (at < chunk.byteLength) {
      if (target === undefined) {
        const take = Math.min(5 - headFilled, chunk.byteLength - at);
        head.set(chunk.subarray(at, at + take), headFilled);
        headFilled += take;
        at += take;
        if (headFilled < 5) break;
        headFilled = 0;
        flags = head[0]!;
        const length = new DataView(head.buffer).getUint32(1);
        if (length > readMaxBytes) {
          throw new ConnectError(`message size ${length} is larger than configured readMaxBytes ${readMaxBytes}`, Code.ResourceExhausted);
        }
        if (length === 0) {
          yield parse(flags, new Uint8Array(0)); // may be the last bytes of the body
          continue;
        }
        // Always its own buffer, as connect does: a view would keep the whole
        // received chunk alive as long as the batch made of the message.
        target = new Uint8Array(length);
        filled = 0;
      }
      const take = Math.min(target.byteLength - filled, chunk.byteLength - at);
      target.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === target.byteLength) {
        const data = target;
        target = undefined;
        yield parse(flags, data);
      }
    }
  }
  if (target !== undefined || headFilled > 0) throw new ConnectError("protocol error: incomplete envelope", Code.InvalidArgument);
}

function parse(flags: number, data: Uint8Array): FlightData {
  if ((flags & COMPRESSED_FLAG) === COMPRESSED_FLAG) {
    throw new ConnectError("received compressed envelope, but do not know how to decompress", Code.Internal);
  }
  try {
    return decodeFlightDataMessage(data);
  } catch (e) {
    throw new ConnectError(`parse binary: ${e instanceof Error ? e.message : String(e)}`, Code.Internal);
  }
}
