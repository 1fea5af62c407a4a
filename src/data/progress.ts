/** Progress reports of readers and writers. */

export interface ReadProgress {
  /** Record batches delivered so far. */
  batches: number;
  /** Rows delivered so far. */
  rows: number;
  /** Bytes received (IPC headers and bodies, as on the wire before decompression). */
  bytes: number;
}

export interface WriteProgress {
  /** Rows sent so far. */
  rows: number;
  /** IPC bytes sent so far. */
  bytes: number;
}
