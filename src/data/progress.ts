/** Progress reports of readers and writers. */

/** What a reader has delivered so far. */
export interface ReadProgress {
  /** Record batches delivered so far. */
  batches: number;
  /** Rows delivered so far. */
  rows: number;
  /** Bytes received (IPC headers and bodies, as on the wire before decompression). */
  bytes: number;
  /** Streams reopened after a failure (with `resume`); absent or 0 otherwise. */
  retries?: number;
}

/** What a topic writer has sent so far. */
export interface WriteProgress {
  /** Rows sent so far. */
  rows: number;
  /** IPC bytes sent so far. */
  bytes: number;
}
