/**
 * The gRPC errors of the reference server, with the codes and message texts of
 * mosaicod (docs/protocol.md §9; mosaicod-core `ErrorKind` + `PublicError` display,
 * which appends a final "." when missing). One factory per error kind so that
 * every handler words the same failure the same way.
 */
import { Code, ConnectError } from "@connectrpc/connect";

/** mosaicod appends "." to every public message that does not end with one. */
function sentence(text: string): string {
  return text.endsWith(".") ? text : `${text}.`;
}

function error(code: Code, text: string): ConnectError {
  return new ConnectError(sentence(text), code);
}

export const errors = {
  notFound: (resource: string) => error(Code.NotFound, `${resource} not found`),
  alreadyExists: (resource: string) => error(Code.AlreadyExists, `${resource} already exists`),
  badRequest: (detail: string) => error(Code.InvalidArgument, `Bad request: ${detail}`),
  noSuchAction: (name: string) =>
    error(Code.InvalidArgument, `Bad request: no available action for string \`${name}\``),
  bodyDeserialization: () => error(Code.InvalidArgument, "Bad request: body deserialization error"),
  badLocator: (locator: string) => error(Code.InvalidArgument, `${locator} is not a valid locator`),
  locatorKindMismatch: (locator: string, kind: string) =>
    error(Code.InvalidArgument, `${locator} is not a valid ${kind} locator`),
  badUuid: (uuid: string) => error(Code.InvalidArgument, `${uuid} is not a valid UUID`),
  unsupportedDescriptor: () => error(Code.InvalidArgument, "Unsupported descriptor"),
  unsupportedLocator: (locator: string) =>
    error(Code.InvalidArgument, `Unsupported locator: ${locator}`),
  invalidFingerprint: (fingerprint: string) =>
    error(Code.InvalidArgument, `Invalid fingerprint \`${fingerprint}\``),
  sessionAlreadyFinalized: (session: string) =>
    error(Code.FailedPrecondition, `Session \`${session}\` already finalized.`),
  // mosaicod's format string is "Session `{0} is empty.`" (misplaced backtick);
  // we use the wording of the protocol document instead.
  emptySession: (session: string) =>
    error(Code.FailedPrecondition, `Session \`${session}\` is empty.`),
  missingDoPut: (topic: string) =>
    error(
      Code.FailedPrecondition,
      `DoPut not called for topic \`${topic}\`. At least one with an empty batch is required to finalize the topic.`,
    ),
  /** A call cut by the server stopping (gRPC's code for "try again"); our text. */
  shuttingDown: () => error(Code.Unavailable, "The call was cut short: the server is stopping (or the client left)."),
  topicUploadInProgress: (topic: string) =>
    error(Code.FailedPrecondition, `Topic \`${topic}\` is already uploading data.`),
  topicAlreadyFinalized: (topic: string) =>
    error(Code.FailedPrecondition, `Topic \`${topic}\` has already been uploaded and finalized.`),
  // DoPut stream (docs/protocol.md §5.2, §5.3)
  missingHeader: () => error(Code.InvalidArgument, "Missing header in request"),
  missingDescriptor: () => error(Code.InvalidArgument, "Request has no descriptor"),
  missingSchema: () => error(Code.InvalidArgument, "Missing schema"),
  missingTimestampField: () => error(Code.InvalidArgument, "missing timestamp field in schema"),
  wrongTimestampType: () =>
    error(Code.InvalidArgument, "wrong timestamp field type, expected int64"),
  unsupportedStreamMessage: () =>
    error(Code.Aborted, "Unsupported stream message, stream aborted"),
  /** The request stream failed (undecodable IPC, client gone). */
  streamError: (detail: string) => error(Code.Canceled, `Stream error: ${detail}`),
  unauthorized: (detail: string) => error(Code.PermissionDenied, `Unauthorized: ${detail}`),
  missingApiKey: () => error(Code.PermissionDenied, "Missing API key in request header"),
  /** Handshake, PollFlightInfo, GetSchema (<= J2), and our not-yet-built data plane. */
  unimplemented: () => error(Code.Unimplemented, "Unimplemented"),
  /** ListActions / DoExchange use literal tonic messages (no final dot). */
  unimplementedLiteral: (text: string) => new ConnectError(text, Code.Unimplemented),
  /** Our cap on DoAction bodies (--max-action-body-bytes); mosaicod has none. */
  actionBodyTooLarge: (bytes: number, limit: number) =>
    error(Code.ResourceExhausted, `Bad request: the action body has ${bytes} bytes, above this server's limit of ${limit} (--max-action-body-bytes)`),
  internal: (detail: string) => error(Code.Internal, `Internal error: ${detail}`),
};
