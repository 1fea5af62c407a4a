/**
 * Outcomes of fuzz cases and their tally: per class counts and the distinct
 * wrong errors (same code and message shape), each with the first case that
 * reproduces it.
 */

/** What one case ended in. */
export type Outcome = "ok" | "crash" | "hang" | "wrong-error" | "data-lost";

/** One case's verdict; `status`/`message` describe the answer, `input` the case (for repro). */
export interface CaseResult {
  outcome: Outcome;
  /** gRPC code name (or HTTP status) of the answer, when there was one. */
  status?: string;
  message?: string;
  /** Short description of the input, printed with findings. */
  input?: string;
}

/** A distinct finding with its first reproducing case. */
export interface Finding {
  cls: string;
  outcome: Outcome;
  status: string;
  message: string;
  seed: number;
  index: number;
  input: string;
  count: number;
}

/** Counts per class plus the distinct non-ok findings. */
export class Tally {
  readonly counts = new Map<string, Record<Outcome, number>>();
  readonly findings = new Map<string, Finding>();
  /** How often each answer status occurred, per class (to see what the inputs reach). */
  readonly statuses = new Map<string, Map<string, number>>();

  /** Records the result of case `index` of `cls`. */
  add(cls: string, seed: number, index: number, result: CaseResult): void {
    let row = this.counts.get(cls);
    if (!row) this.counts.set(cls, (row = { ok: 0, crash: 0, hang: 0, "wrong-error": 0, "data-lost": 0 }));
    row[result.outcome] += 1;
    const seenStatus = this.statuses.get(cls) ?? new Map<string, number>();
    this.statuses.set(cls, seenStatus);
    seenStatus.set(result.status ?? "-", (seenStatus.get(result.status ?? "-") ?? 0) + 1);
    if (result.outcome === "ok") return;
    const status = result.status ?? "-";
    const message = (result.message ?? "").slice(0, 300);
    const key = `${cls}|${result.outcome}|${status}|${shapeOf(message)}`;
    const seen = this.findings.get(key);
    if (seen) seen.count += 1;
    else this.findings.set(key, { cls, outcome: result.outcome, status, message, seed, index, input: result.input ?? "", count: 1 });
  }

  /** Cases that fail CI: crashes, hangs, data loss. */
  get fatal(): number {
    let n = 0;
    for (const row of this.counts.values()) n += row.crash + row.hang + row["data-lost"];
    return n;
  }

  /** The summary table and the findings, as Markdown. */
  report(): string {
    const lines = ["| class | cases | crashes | hangs | wrong errors | data lost |", "|---|---:|---:|---:|---:|---:|"];
    for (const [cls, r] of this.counts) {
      const cases = r.ok + r.crash + r.hang + r["wrong-error"] + r["data-lost"];
      lines.push(`| ${cls} | ${cases} | ${r.crash} | ${r.hang} | ${r["wrong-error"]} | ${r["data-lost"]} |`);
    }
    lines.push("", "Statuses per class:", "");
    for (const [cls, m] of this.statuses) {
      lines.push(`- ${cls}: ${[...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ")}`);
    }
    if (this.findings.size > 0) {
      lines.push("", "Distinct findings (first reproducing case: `npm run fuzz -- --class C --seed S --from I --cases 1`):", "");
      for (const f of this.findings.values()) {
        lines.push(`- [${f.cls}] ${f.outcome} ${f.status} ×${f.count}: ${JSON.stringify(f.message)}`);
        lines.push(`  seed ${f.seed}, case ${f.index}; input: ${f.input.slice(0, 400)}`);
      }
    }
    return lines.join("\n");
  }
}

/** A message with its variable parts (numbers, UUIDs, hex, quoted names) blanked. */
export function shapeOf(message: string): string {
  return message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
    .replace(/`[^`]*`/g, "`…`")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/0x[0-9a-f]+/gi, "<hex>")
    .replace(/\d+/g, "<n>")
    .slice(0, 120);
}
