/**
 * `$match` patterns (docs/protocol.md §8.2, J2+ glob), translated to an anchored
 * regular expression the way mosaicod does (`wildcard_to_posix_regex` in
 * mosaicod-query `regex.rs`, upstream #622):
 *   `*` any run (consecutive stars collapse), `?` one character, `#` one digit,
 *   `[…]` a character class passed through verbatim (so `[^…]` negates),
 *   everything else literal. The whole string must match. Empty patterns
 *   and patterns over 256 bytes are refused; so is a malformed class.
 * mosaicod runs the regex in two engines: Rust's `regex` for ontology columns
 * (DataFusion `regexp_like`), where `.` is any character but `\n`, and
 * PostgreSQL's `~` for names and user metadata, where `.` also matches `\n`
 * (`dotAll`). Class syntax beyond JavaScript's (`[[:alpha:]]`, nested
 * classes, `&&`) is not translated.
 */

/** The longest `$match` pattern mosaicod accepts, in UTF-8 bytes. */
export const MAX_PATTERN_BYTES = 256;

/** A pattern `globToRegExp` refuses: empty, over 256 bytes, or malformed (e.g. an unterminated `[`). */
export class GlobError extends Error {
  override name = "GlobError";
}

const LITERAL_ESCAPES = new Set([".", "+", "^", "$", "(", ")", "{", "}", "|", "\\", "]", "/"]);

/** How `globToRegExp` reads `*` and `?`. */
export interface GlobOptions {
  /** Let `*` and `?` match a newline too (PostgreSQL's `~`: names, user metadata). Default false (Rust: ontology columns). */
  dotAll?: boolean | undefined;
}

/**
 * The anchored regular expression of a `$match` pattern, as mosaicod builds it.
 *
 * @throws GlobError when the pattern is empty, longer than MAX_PATTERN_BYTES or malformed.
 */
export function globToRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  if (pattern.length === 0) throw new GlobError("the pattern is empty");
  if (new TextEncoder().encode(pattern).byteLength > MAX_PATTERN_BYTES) {
    throw new GlobError(`the pattern is longer than ${MAX_PATTERN_BYTES} bytes`);
  }
  const any = options.dotAll ? "." : "[^\\n]";
  let source = "^";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "*") {
      if (!source.endsWith(`${any}*`)) source += `${any}*`;
    } else if (c === "?") {
      source += any;
    } else if (c === "#") {
      source += "[0-9]";
    } else if (c === "[") {
      const close = chars.indexOf("]", i + 1);
      if (close < 0) throw new GlobError("unterminated character class `[`");
      source += chars.slice(i, close + 1).join("");
      i = close;
    } else {
      source += LITERAL_ESCAPES.has(c) ? `\\${c}` : c;
    }
  }
  source += "$";
  try {
    return new RegExp(source, options.dotAll ? "su" : "u");
  } catch (cause) {
    throw new GlobError(`malformed pattern (${(cause as Error).message})`);
  }
}

/** The literal text every match starts with (for min/max pruning). */
export function literalPrefix(pattern: string): string {
  const stop = pattern.search(/[*?#[]/);
  return stop < 0 ? pattern : pattern.slice(0, stop);
}

/**
 * Whether the whole of `text` matches the `$match` pattern (what the server
 * would answer).
 *
 * @throws GlobError when the pattern is refused (see globToRegExp).
 */
export function matchesGlob(text: string, pattern: string, options: GlobOptions = {}): boolean {
  return globToRegExp(pattern, options).test(text);
}
