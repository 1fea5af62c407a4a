/**
 * Field paths of the `ontology` query section (docs/protocol.md §8.1), with the list
 * specifiers of mosaicod 0.6+ (upstream PR #600; `OntologyField::try_new` and
 * `parse_segment` in mosaicod-query `filter.rs`): one segment may end in
 *   `[?]`  some element satisfies the condition,
 *   `[!]`  every element does,
 *   `[N]`  the element at 0-based position N does,
 * and the path may go on into the fields of a struct element
 * (`poses[?].position.x`). At most one specifier per path.
 */

/** The list specifier of a path segment. */
export type ListSpecifier =
  | { readonly kind: "any" }
  | { readonly kind: "all" }
  | { readonly kind: "at"; readonly index: number };

/** A parsed field path (the part after `<ontology_tag>.`). */
export interface OntologyFieldPath {
  /** The field names in order, specifiers removed (`["poses", "position", "x"]`). */
  readonly segments: readonly string[];
  /** Which segment is the list and how it is read; absent for plain paths. */
  readonly list?: { readonly segment: number; readonly specifier: ListSpecifier };
}

/** A field path `parseOntologyFieldPath` refuses. */
export class FieldPathError extends Error {
  override name = "FieldPathError";
}

function parseSpecifier(content: string, segment: string): ListSpecifier {
  if (content === "?") return { kind: "any" };
  if (content === "!") return { kind: "all" };
  if (/^[0-9]+$/.test(content) && Number.isSafeInteger(Number(content))) return { kind: "at", index: Number(content) };
  throw new FieldPathError(`\`${segment}\`: a list specifier is [?] (any element), [!] (every element) or [N] (0-based position)`);
}

/**
 * Parses a field path such as `acceleration.x`, `ranges[?]` or
 * `poses[0].position.x`.
 *
 * @throws FieldPathError on an empty segment, a malformed specifier or a second specifier.
 */
export function parseOntologyFieldPath(path: string): OntologyFieldPath {
  const segments: string[] = [];
  let list: OntologyFieldPath["list"];
  for (const [i, segment] of path.split(".").entries()) {
    const open = segment.indexOf("[");
    const name = open < 0 ? segment : segment.slice(0, open);
    if (name.length === 0) throw new FieldPathError(`empty field name in \`${path}\` (expected e.g. "acceleration.x" or "ranges[?]")`);
    if (open >= 0) {
      if (!segment.endsWith("]")) throw new FieldPathError(`\`${segment}\`: a list specifier ends the segment, e.g. "ranges[?]"`);
      if (list) throw new FieldPathError(`\`${path}\`: at most one list specifier per path`);
      list = { segment: i, specifier: parseSpecifier(segment.slice(open + 1, -1), segment) };
    }
    segments.push(name);
  }
  return list ? { segments, list } : { segments };
}

/** The wire form of a specifier: `[?]`, `[!]` or `[N]`. */
export function formatListSpecifier(specifier: ListSpecifier): string {
  return specifier.kind === "any" ? "[?]" : specifier.kind === "all" ? "[!]" : `[${specifier.index}]`;
}
