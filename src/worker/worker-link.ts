/**
 * The page's end of a reader worker: starts the default worker, routes the
 * worker's messages to the read they belong to, and turns a worker that
 * failed into an error of every read still open on it.
 */
import type { ReaderWorkerTarget } from "../data/reader-worker-option.js";
import { Code } from "../errors/code.js";
import { MosaicoError } from "../errors/mosaico-error.js";
import { ReadChannel, type ProgressDelivery } from "./read-channel.js";
import {
  isReaderMessage,
  READER_PROTOCOL,
  type PageMessage,
  type WorkerConnection,
  type WorkerMessage,
  type WorkerReadOptions,
  type WorkerReadRequest,
} from "./worker-messages.js";

function assertWorkers(): void {
  if (typeof Worker !== "function") {
    throw new MosaicoError(
      Code.FailedPrecondition,
      "worker readers need Web Workers (browsers, Deno); this runtime has none: read without the worker option, or pass a MessagePort served by serveReaderWorker",
    );
  }
}

/**
 * Starts mosaico-web's reader worker from the module published beside this
 * one. The literal `new Worker(new URL("./reader-worker.js", import.meta.url), …)`
 * is the pattern Vite, webpack and Parcel recognize, so they bundle the
 * worker with no configuration; unbundled, the URL is the sibling file of dist/.
 *
 * @example
 * ```ts
 * const worker = createReaderWorker();
 * const reader = await client.topicReader(locator, { worker });
 * ```
 */
export function createReaderWorker(): Worker {
  assertWorkers();
  return new Worker(new URL("./reader-worker.js", import.meta.url), { type: "module", name: "mosaico-reader" });
}

/** A module worker from a script URL (a bundler's output of `mosaico-web/reader-worker`). */
export function createReaderWorkerFrom(url: URL | string): Worker {
  assertWorkers();
  return new Worker(url, { type: "module", name: "mosaico-reader" });
}

/** One worker (or port) and the reads open on it. Internal: made by the client. */
export class ReaderWorkerLink {
  readonly #target: ReaderWorkerTarget;
  readonly #terminate: (() => void) | undefined;
  readonly #reads = new Map<number, ReadChannel>();
  #nextId = 1;
  #failure: MosaicoError | undefined;

  /** `terminate`: how to end a worker the client created (absent for the caller's own). */
  constructor(target: ReaderWorkerTarget, terminate?: () => void) {
    this.#target = target;
    this.#terminate = terminate;
    target.addEventListener("message", this.#onMessage);
    target.addEventListener("messageerror", this.#onMessageError);
    target.addEventListener("error", this.#onError);
    target.start?.();
  }

  /** Starts a read in the worker; each stream may send `credit` batches before the consumer asks. */
  open(connection: WorkerConnection, request: WorkerReadRequest, options: WorkerReadOptions, credit: number, progress: ProgressDelivery): ReadChannel {
    if (this.#failure) throw this.#failure;
    const id = this.#nextId++;
    const channel = new ReadChannel(id, (message) => this.#post(message), () => this.#reads.delete(id), progress);
    this.#reads.set(id, channel);
    channel.granted(credit);
    this.#post({ mosaico: READER_PROTOCOL, kind: "open", id, connection, request, options, credit });
    return channel;
  }

  /** Ends the client's connection in the worker; with `dispose`, also stops listening (and ends a worker the client made). */
  close(connectionId: string, dispose: boolean): void {
    for (const channel of [...this.#reads.values()]) channel.cancel();
    if (!this.#failure) this.#post({ mosaico: READER_PROTOCOL, kind: "close", connectionId });
    if (!dispose) return;
    this.#target.removeEventListener("message", this.#onMessage);
    this.#target.removeEventListener("messageerror", this.#onMessageError);
    this.#target.removeEventListener("error", this.#onError);
    this.#terminate?.();
  }

  #post(message: PageMessage): void {
    this.#target.postMessage(message, []);
  }

  #onMessage = (event: Event): void => {
    const data = (event as MessageEvent).data;
    if (!isReaderMessage(data)) return;
    const message = data as WorkerMessage;
    this.#reads.get(message.id)?.receive(message);
  };

  #fail(error: MosaicoError): void {
    this.#failure = error;
    for (const channel of [...this.#reads.values()]) channel.fail(error);
  }

  #onMessageError = (): void => {
    this.#fail(new MosaicoError(Code.DataLoss, "a message of the reader worker could not be received (structured clone failed); read again"));
  };

  #onError = (event: Event): void => {
    event.preventDefault?.();
    const detail = (event as ErrorEvent).message || "it did not start or threw";
    this.#fail(
      new MosaicoError(
        Code.Unavailable,
        `the reader worker failed (${detail}); serve reader-worker.js beside the SDK's module, or pass worker: a URL of your build of mosaico-web/reader-worker`,
      ),
    );
  };
}
