/**
 * The order the rows are written in. The SDK's writers refuse a topic whose
 * `timestamp_ns` does not strictly increase, so rows out of order are put in
 * time order before writing (a CSV's row order is rarely meaningful), and
 * rows at the same instant are refused: which of them to keep is the user's
 * call, not the demo's.
 */
import type { RowProblem } from "./refused-file.js";
import type { TabularFile } from "./tabular-file.js";

export interface RowOrder {
  /** Row indices in time order; undefined when the file already is. */
  order: number[] | undefined;
  /** The first row whose time is before the previous row's (0-based), when the file is out of order. */
  firstBackwards: number | undefined;
  /** Rows (0-based) sharing one time, each group in file order. */
  repeats: number[][];
}

/** Sorts row indices by time (stably) and finds the rows that share a time. */
export function rowOrder(ns: readonly bigint[]): RowOrder {
  const indices = ns.map((_, i) => i);
  const backwards = indices.find((i) => i > 0 && ns[i]! < ns[i - 1]!);
  const order = backwards === undefined ? indices : [...indices].sort((a, b) => (ns[a]! < ns[b]! ? -1 : ns[a]! > ns[b]! ? 1 : a - b));
  const repeats: number[][] = [];
  for (let i = 1; i < order.length; i++) {
    if (ns[order[i]!] !== ns[order[i - 1]!]) continue;
    const last = repeats[repeats.length - 1];
    if (last && last[last.length - 1] === order[i - 1]) last.push(order[i]!);
    else repeats.push([order[i - 1]!, order[i]!]);
  }
  return { order: backwards === undefined ? undefined : order, firstBackwards: backwards, repeats };
}

/** One problem per group of rows at the same time, on its first row. */
export function repeatProblems(file: TabularFile, column: string, ns: readonly bigint[], repeats: number[][]): RowProblem[] {
  return repeats.map((group) => {
    const [first, ...others] = group.map((i) => file.rowNumber(i));
    return {
      row: first!,
      message: `same time as row${others.length > 1 ? "s" : ""} ${others.join(", ")} (${column} “${file.cell(group[0]!, column)}”, timestamp_ns ${ns[group[0]!]}); times must strictly increase within a topic, so remove or fix the repeated rows`,
    };
  });
}
