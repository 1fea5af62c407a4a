/**
 * The error for a message that inflates past the read limit (a gzip bomb
 * must not exhaust memory: we stop inflating as soon as the limit is passed).
 */
import { Code, ConnectError } from "@connectrpc/connect";

/** The RESOURCE_EXHAUSTED ConnectError for a message that inflates past `readMaxBytes`. */
export function tooLargeAfterDecompression(readMaxBytes: number): ConnectError {
  return new ConnectError(
    `message is larger than the read limit of ${readMaxBytes} bytes after decompression; raise readMaxBytes if the data is legitimate`,
    Code.ResourceExhausted,
  );
}

/** The INVALID_ARGUMENT ConnectError for a server message that does not inflate; `cause` is the codec's error. */
export function corruptCompressedMessage(cause: unknown): ConnectError {
  return new ConnectError("the server sent a gzip message that does not decompress", Code.InvalidArgument, undefined, undefined, cause);
}

