/**
 * Glob patterns as mosaicod's `$match` reads them (J2+, protocol §8.2):
 * `*` any run, `?` one character, `[...]` a set or range, `#` one digit; a
 * pattern without wildcards matches exactly. Used to filter in the browser
 * the same way the server would.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else if (ch === "#") source += "\\d";
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) source += "\\[";
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        source += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else source += ch.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

export function matchesGlob(text: string, pattern: string): boolean {
  return globToRegExp(pattern).test(text);
}
