/**
 * Resource names (docs/protocol.md §3): sequence `seq`, topic `seq/topic/path`,
 * session `seq:ulid`. We validate before sending so that mistakes fail fast
 * with a message that says which rule was broken.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";

// Forbidden everywhere by the server (mosaicod-core types/resources.rs INVALID_CHARS): ! " ' * £ $ % & . and space.
const forbidden = /[!"'*£$%&. ]/;

/** Longest part of a name an error message quotes. */
const QUOTED_CHARS = 64;

/** A name for an error message: quoted, and cut with its length stated when long. */
export function quoteName(name: string): string {
  if (name.length <= QUOTED_CHARS) return JSON.stringify(name);
  return `${JSON.stringify(name.slice(0, QUOTED_CHARS))}… (${name.length} characters)`;
}

function invalid(kind: string, name: string, rule: string): MosaicoError {
  return new MosaicoError(Code.InvalidArgument, `invalid ${kind} name ${quoteName(name)}: ${rule}`);
}

function checkCommon(kind: string, name: string): void {
  if (name.length === 0) throw invalid(kind, name, "it is empty");
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(name)) throw invalid(kind, name, "only ASCII characters are allowed");
  if (forbidden.test(name)) throw invalid(kind, name, "the characters ! \" ' * £ $ % & . and space are not allowed");
  if (name.includes(":")) throw invalid(kind, name, "':' is reserved for session locators");
}

/** Throws INVALID_ARGUMENT naming the broken rule when `name` is not a valid sequence name. */
export function assertSequenceName(name: string): void {
  checkCommon("sequence", name);
  if (name.includes("/")) throw invalid("sequence", name, "'/' separates sequence and topic");
}

/** Topic path without leading slashes: `sensors/imu` for `/sensors/imu`. */
export function normalizeTopicPath(topic: string): string {
  const path = topic.replace(/^\/+/, "");
  checkCommon("topic", path);
  if (path.endsWith("/")) throw invalid("topic", topic, "it must not end with '/'");
  if (path.includes("//")) throw invalid("topic", topic, "'//' is not allowed");
  return path;
}

/** `seq` + `/sensors/imu` -> `seq/sensors/imu`. */
export function topicLocator(sequence: string, topic: string): string {
  assertSequenceName(sequence);
  return `${sequence}/${normalizeTopicPath(topic)}`;
}

/** Splits `seq/sensors/imu` into `{ sequence: "seq", name: "/sensors/imu" }`. */
export function splitTopicLocator(locator: string): { sequence: string; name: string } {
  const slash = locator.indexOf("/");
  if (slash <= 0 || slash === locator.length - 1) {
    throw new MosaicoError(Code.InvalidArgument, `${quoteName(locator)} is not a topic locator (expected <sequence>/<topic>)`);
  }
  return { sequence: locator.slice(0, slash), name: `/${locator.slice(slash + 1)}` };
}

/** Accepts `seq/topic` or (`seq`, `/topic`) and returns the locator. */
export function resolveTopicLocator(locatorOrSequence: string, topic?: string): string {
  if (topic !== undefined) return topicLocator(locatorOrSequence, topic);
  const { sequence, name } = splitTopicLocator(locatorOrSequence.replace(/^\/+/, ""));
  return topicLocator(sequence, name);
}
