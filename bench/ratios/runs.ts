/**
 * Timing helpers for bench/read-write-ratios.ts (runtime-neutral: the
 * Chromium page uses them too). Cases being compared run interleaved,
 * round after round (in rotating order), so that whatever else the machine
 * is doing weighs on all of them alike; each is reported by its best round.
 */

/** One timed run: how long, and how many rows it read or wrote (checked by the caller). */
export interface Run {
  readonly ms: number;
  readonly rows: number;
}

/** The runs of one case. */
export interface Measured {
  readonly best: Run;
  readonly median: number;
  readonly runs: readonly Run[];
}

/**
 * Runs every case once per round, `rounds` times; a warm-up round first when
 * `warmUp`. The order rotates by one each round (A B C, B C A, C A B, ...),
 * so that each case follows each other case equally often: a case that
 * leaves much garbage behind (a read that collects everything) does not
 * always bill its collection to the same neighbour.
 */
export async function interleave<K extends string>(
  rounds: number,
  cases: Record<K, () => Promise<Run>>,
  warmUp = true,
): Promise<Record<K, Measured>> {
  const names = Object.keys(cases) as K[];
  const runs = Object.fromEntries(names.map((n) => [n, [] as Run[]])) as Record<K, Run[]>;
  if (warmUp) for (const name of names) await cases[name]();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      runs[name].push(await cases[name]());
    }
  }
  // Every run, for whoever wants to see the spread (stderr: the tables stay clean).
  console.error(names.map((name) => `  ${name}: ${runs[name].map((run) => run.ms.toFixed(0)).join(" ")} ms`).join("\n"));
  const out = {} as Record<K, Measured>;
  for (const name of names) {
    const sorted = [...runs[name]].sort((a, b) => a.ms - b.ms);
    out[name] = { best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!.ms, runs: runs[name] };
  }
  return out;
}

/** Throws unless every run of every case moved `rows` rows. */
export function checkRows(measured: Record<string, Measured>, rows: number): void {
  for (const [name, m] of Object.entries(measured)) {
    for (const run of m.runs) if (run.rows !== rows) throw new Error(`${name}: ${run.rows} rows where ${rows} were expected`);
  }
}

/** MB/s of `mb` megabytes in `ms`. */
export function rate(mb: number, ms: number): string {
  return `${((mb / ms) * 1000).toFixed(0)} MB/s`;
}

/** A markdown row comparing `sdk` with `baseline` (ratio = baseline time / SDK time, on the best rounds; median ratio beside it). */
export function ratioRow(what: string, mb: number, sdk: Measured, baseline: Measured, target: string): string {
  const best = baseline.best.ms / sdk.best.ms;
  const median = baseline.median / sdk.median;
  return `| ${what} | ${rate(mb, sdk.best.ms)} | ${rate(mb, baseline.best.ms)} | **${best.toFixed(2)}x** (median ${median.toFixed(2)}x) | ${target} |`;
}

export const RATIO_HEADER = "| measurement | SDK | baseline | ratio SDK/baseline, best of rounds | target |\n|---|---:|---:|---:|---:|";
