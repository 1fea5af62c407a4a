/**
 * What the timestamp mapping means for an upload, worked out before anything
 * is written: each row's exact `timestamp_ns`, the problems that refuse the
 * upload (cells that are not times, rows at the same time, an Arrow file out
 * of order), the order to write a CSV's rows in, and the 1970 warning.
 */
import { epochWarning, type EpochWarning } from "./epoch-check.js";
import type { RowProblem } from "./refused-file.js";
import { repeatProblems, rowOrder } from "./row-order.js";
import type { TabularFile } from "./tabular-file.js";
import { timestampsOf, type TimeUnit } from "./timestamp-column.js";

export interface TimePlan {
  /** Each row's timestamp_ns, in file order. */
  ns: bigint[];
  /** Problems that refuse the upload, by row. */
  problems: RowProblem[];
  /** CSV only: row indices in time order, when the file is not; the rows are written so. */
  order: number[] | undefined;
  /** With `order`: the number of the first row whose time is before the previous row's. */
  backwardsRow: number | undefined;
  /** The earliest and latest time (undefined with problems). */
  span: { first: bigint; last: bigint } | undefined;
  /** Set when the times read as 1970: writing waits for the user's word. */
  epoch: EpochWarning | undefined;
}

export function planTimestamps(file: TabularFile, column: string, unit: TimeUnit): TimePlan {
  const { ns, problems } = timestampsOf(file, column, unit);
  const none = { order: undefined, backwardsRow: undefined, span: undefined, epoch: undefined };
  if (problems.length > 0 || ns.length === 0) return { ns, problems, ...none };
  const { order, firstBackwards, repeats } = rowOrder(ns);
  problems.push(...repeatProblems(file, column, ns, repeats));
  if (order && file.format === "arrow") {
    const i = firstBackwards!;
    problems.push({
      row: file.rowNumber(i),
      message: `its time (timestamp_ns ${ns[i]}) is before row ${file.rowNumber(i - 1)}'s (${ns[i - 1]}); the demo keeps an Arrow file's rows as they are: sort the table by ${column} and export it again`,
    });
  }
  if (problems.length > 0) return { ns, problems: problems.sort((a, b) => a.row - b.row), ...none };
  const earliest = order ? order[0]! : 0;
  const latest = order ? order[order.length - 1]! : ns.length - 1;
  const span = { first: ns[earliest]!, last: ns[latest]! };
  return {
    ns,
    problems,
    order,
    backwardsRow: order ? file.rowNumber(firstBackwards!) : undefined,
    span,
    epoch: epochWarning(file, column, unit, span.first, span.last, earliest),
  };
}
