/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call; the promise rejects with a CANCELLED MosaicoError. */
  signal?: AbortSignal;
  /** Deadline for this call in milliseconds (default: the client's timeoutMs). */
  timeoutMs?: number;
}
