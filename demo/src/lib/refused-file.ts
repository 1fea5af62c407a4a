/** Why the demo will not upload a file, row by row where rows are at fault. */

/** Something wrong with one row; `row` as TabularFile.rowNumber gives it. */
export interface RowProblem {
  row: number;
  message: string;
}

/** A file the demo will not upload: why, and the rows at fault (none for file-wide reasons). */
export class RefusedFile extends Error {
  readonly problems: RowProblem[];
  constructor(message: string, problems: RowProblem[] = []) {
    super(message);
    this.name = "RefusedFile";
    this.problems = problems;
  }
}
