/**
 * Keys of `user_metadata` query conditions (docs/protocol.md §8.1): dot paths into
 * the metadata object, with the wildcards of mosaicod 0.6+ (upstream #547,
 * #622; daemon docs `query.md` "User metadata keys"):
 *   `*`    any key one level down (`status.*`),
 *   `**`   any depth, this level included (`**.battery`),
 *   `[*]`  every element of an array (`logs[*].id`), `[N]` the N-th one.
 * mosaicod first checks the key (`valid_key` in mosaicod-marshal `query.rs`):
 * ASCII letters, digits, space, `_ - * [ ] .`, no `--`, no `***`; then
 * resolves it as an SQL/JSON path (`$.<key>`). A star inside a name
 * (`sensor*`) is no wildcard there, so it is refused here.
 */

/** One step of a metadata key. */
export type MetadataKeyStep =
  | { readonly kind: "key"; readonly name: string }
  | { readonly kind: "anyKey" }
  | { readonly kind: "anyDepth" }
  | { readonly kind: "anyElement" }
  | { readonly kind: "element"; readonly index: number };

/** A key `parseMetadataKey` refuses. */
export class MetadataKeyError extends Error {
  override name = "MetadataKeyError";
}

const ALLOWED = /^[A-Za-z0-9 _\-*[\].]+$/;
const SEGMENT = /^(\*\*|\*|[A-Za-z0-9 _-]+)((?:\[(?:\*|[0-9]+)\])*)$/;

function parseSegment(segment: string, key: string): MetadataKeyStep[] {
  const match = SEGMENT.exec(segment);
  if (!match) {
    const hint = segment.includes("*") ? "`*` and `**` stand for a whole key" : "brackets take `*` or an index, e.g. `logs[*]`";
    throw new MetadataKeyError(`bad segment \`${segment}\` in user-metadata key \`${key}\`: ${hint}`);
  }
  const head = match[1]!;
  const steps: MetadataKeyStep[] = [head === "**" ? { kind: "anyDepth" } : head === "*" ? { kind: "anyKey" } : { kind: "key", name: head }];
  for (const [, inner] of match[2]!.matchAll(/\[([^\]]*)\]/g)) {
    steps.push(inner === "*" ? { kind: "anyElement" } : { kind: "element", index: Number(inner) });
  }
  return steps;
}

/**
 * Parses a user-metadata key such as `vehicle.id`, `status.*`, `**.battery`
 * or `logs[*].id`.
 *
 * @throws MetadataKeyError when mosaicod would refuse the key or could not resolve it.
 */
export function parseMetadataKey(key: string): MetadataKeyStep[] {
  if (key.length === 0 || !ALLOWED.test(key) || key.includes("--") || key.includes("***")) {
    throw new MetadataKeyError(
      `invalid user-metadata key \`${key}\`: use ASCII letters, digits, space, \`_\`, \`-\` (not \`--\`), dots between keys and the wildcards \`*\`, \`**\`, \`[*]\``,
    );
  }
  return key.split(".").flatMap((segment) => {
    if (segment.length === 0) throw new MetadataKeyError(`empty segment in user-metadata key \`${key}\` (a dot path such as \`vehicle.id\`)`);
    return parseSegment(segment, key);
  });
}

/** Whether a key uses a wildcard or an array step (mosaicod's `$match` reads keys literally). */
export function isMetadataKeyPattern(key: string): boolean {
  return /[*[\]]/.test(key);
}
