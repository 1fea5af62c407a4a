/**
 * Resource locators (docs/protocol.md §3, mosaicod-core `types/resources.rs`):
 *   sequence `seq`, topic `seq/topic/path`, session `seq:ULID`.
 * Parsers return undefined when the text is not of that kind; `require*`
 * variants throw the mosaicod error (`… is not a valid locator.`).
 */
import { errors } from "./errors.js";

const FORBIDDEN = new Set(["!", '"', "'", "*", "£", "$", "%", "&", ".", " "]);

function hasInvalidSymbols(value: string, extra: string[] = []): boolean {
  for (const ch of value) {
    if (ch.codePointAt(0)! > 0x7f || FORBIDDEN.has(ch) || extra.includes(ch)) return true;
  }
  return false;
}

export function isSequenceLocator(text: string): boolean {
  return text.length > 0 && !hasInvalidSymbols(text, ["/", ":"]);
}

export interface TopicLocatorParts {
  sequence: string;
  /** Path part, without the sequence and without a leading slash. */
  name: string;
}

export function parseTopicLocator(text: string): TopicLocatorParts | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const sequence = text.slice(0, slash);
  const name = text.slice(slash + 1);
  if (!isSequenceLocator(sequence)) return undefined;
  if (
    name.length === 0 ||
    name.startsWith("/") ||
    name.endsWith("/") ||
    name.includes("//") ||
    hasInvalidSymbols(name, [":"])
  ) {
    return undefined;
  }
  return { sequence, name };
}

export interface SessionLocatorParts {
  sequence: string;
  id: string;
}

export function parseSessionLocator(text: string): SessionLocatorParts | undefined {
  const parts = text.split(":");
  if (parts.length !== 2) return undefined;
  const [sequence, id] = parts as [string, string];
  if (!isSequenceLocator(sequence)) return undefined;
  if (id.length === 0 || hasInvalidSymbols(id, ["/"])) return undefined;
  return { sequence, id };
}

export function requireSequenceLocator(text: string): string {
  if (!isSequenceLocator(text)) throw errors.badLocator(text);
  return text;
}

export function requireTopicLocator(text: string): TopicLocatorParts {
  const parts = parseTopicLocator(text);
  if (!parts) throw errors.badLocator(text);
  return parts;
}

export function requireSessionLocator(text: string): SessionLocatorParts {
  const parts = parseSessionLocator(text);
  if (!parts) throw errors.badLocator(text);
  return parts;
}
