/**
 * One read as the page sees it: the worker's messages queued per stream in
 * order, the credit granted back as the consumer takes batches, and a local
 * failure (the caller's signal, a worker that died) that wins over anything
 * queued.
 */
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import type { ReadProgress } from "../data/progress.js";
import { fromWireError } from "./transfer-codec.js";
import { READER_PROTOCOL, type PageMessage, type SequenceHead, type TopicHead, type WorkerMessage } from "./worker-messages.js";

/** What the consumer of one stream gets, in the worker's order. */
export type ReadEvent = { kind: "progress"; progress: ReadProgress } | { kind: "batch"; ipc: Uint8Array } | { kind: "end" };

/** How the channel reports progress: queued before its batch on stream 0 (topic reads), or at once (sequence reads). */
export type ProgressDelivery = "queued" | ((progress: ReadProgress) => void);

/** Internal: one read's messages on the page. */
export class ReadChannel {
  readonly id: number;
  readonly head: Promise<TopicHead | SequenceHead>;
  readonly #post: (message: PageMessage) => void;
  readonly #forget: () => void;
  readonly #progress: ProgressDelivery;
  readonly #queues = new Map<number, ReadEvent[]>();
  /** Batches granted and not received yet, per stream. */
  readonly #outstanding = new Map<number, number>();
  readonly #ended = new Set<number>();
  #streams = 1;
  #initialCredit = 0;
  #head: { resolve(head: TopicHead | SequenceHead): void; reject(error: MosaicoError): void } | undefined;
  #waiters: (() => void)[] = [];
  #failure: MosaicoError | undefined;
  /** Ended by every stream's `end`, an error, or cancel(): no more messages to the worker. */
  #finished = false;

  constructor(id: number, post: (message: PageMessage) => void, forget: () => void, progress: ProgressDelivery) {
    this.id = id;
    this.#post = post;
    this.#forget = forget;
    this.#progress = progress;
    this.head = new Promise((resolve, reject) => (this.#head = { resolve, reject }));
    // A head nobody awaits (the read failed before the caller asked) is not an unhandled rejection.
    this.head.catch(() => {});
  }

  /** Records the credit each stream was given with `open`. */
  granted(credit: number): void {
    this.#initialCredit = credit;
  }

  receive(message: WorkerMessage): void {
    if (this.#failure || this.#finished) return;
    switch (message.kind) {
      case "opened":
        this.#streams = message.head.type === "sequence" ? message.head.topics.length : 1;
        if (this.#streams === 0) this.#finish();
        this.#head?.resolve(message.head);
        return;
      case "error":
        this.#finish();
        this.fail(fromWireError(message.error));
        return;
      case "progress":
        if (this.#progress !== "queued") return this.#progress(message.progress);
        this.#queue(0).push({ kind: "progress", progress: message.progress });
        break;
      case "batch":
        this.#outstanding.set(message.stream, this.#outstandingOf(message.stream) - 1);
        this.#queue(message.stream).push({ kind: "batch", ipc: message.ipc });
        break;
      case "end":
        this.#ended.add(message.stream);
        this.#queue(message.stream).push({ kind: "end" });
        if (this.#ended.size >= this.#streams) this.#finish();
        break;
    }
    this.#wakeConsumers();
  }

  /** The next event of a stream; asks the worker for a batch when none is on its way (prefetch 0). */
  async next(stream = 0): Promise<ReadEvent> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      const event = this.#queue(stream).shift();
      if (event) return event;
      if (this.#outstandingOf(stream) <= 0 && !this.#ended.has(stream)) this.grant(stream, 1);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Lets the worker send `credit` more batches of a stream. */
  grant(stream: number, credit: number): void {
    if (this.#finished || this.#ended.has(stream) || credit <= 0) return;
    this.#outstanding.set(stream, this.#outstandingOf(stream) + credit);
    this.#post({ mosaico: READER_PROTOCOL, kind: "credit", id: this.id, stream, credit });
  }

  /** Fails the read here and now (queued batches are dropped). */
  fail(error: MosaicoError): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#queues.clear();
    this.#head?.reject(error);
    this.#wakeConsumers();
  }

  /** Stops the worker's DoGets; a consumer still reading gets CANCELLED, as from an in-thread reader. Idempotent. */
  cancel(): void {
    if (this.#finished) return;
    this.#finish();
    this.#post({ mosaico: READER_PROTOCOL, kind: "cancel", id: this.id });
    this.fail(new MosaicoError(Code.Canceled, "the reader was cancelled"));
  }

  #queue(stream: number): ReadEvent[] {
    let queue = this.#queues.get(stream);
    if (!queue) this.#queues.set(stream, (queue = []));
    return queue;
  }

  #outstandingOf(stream: number): number {
    return this.#outstanding.get(stream) ?? this.#initialCredit;
  }

  #finish(): void {
    this.#finished = true;
    this.#forget();
  }

  #wakeConsumers(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
