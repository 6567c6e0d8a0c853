/**
 * A limit on how many whole-directory exports run at once in this process: the Meeting Guide feed
 * of every listed meeting, the printable schedule (PDF, JSON and the /meetings/print page) and the
 * organization's calendar. Each reads and writes every listed meeting, seconds of CPU for a large
 * directory; Node runs JavaScript on one thread and SQLite reads are synchronous, so a handful of
 * these at once would stall every other request. Anyone may ask for them, signed in or not.
 *
 * Past the limit a request is refused at once (503 scheduleBusy with Retry-After) rather than
 * queued: a queue would hold sockets and memory for clients who can simply come back.
 */
import { setImmediate as turn } from "node:timers/promises";
import { AppError } from "../../errors";

/** Two: a second download need not wait, and a search waits behind at most two slices of export work per turn. */
export const DEFAULT_EXPORTS_AT_ONCE = 2;
/** A full export of a large directory takes tens of seconds at most. */
export const BUSY_RETRY_SECONDS = 30;
/** The longest an export reads and writes before letting other requests in (see whileHeld). */
export const SLICE_MS = 10;

export interface ExportSlot {
  /** Gives the slot back; calling it again does nothing, so every way an export ends may call it. */
  release(): void;
  readonly released: boolean;
}

/** What a streamed response must offer: Node's ServerResponse emits "close" however it ends. */
export interface ClosingResponse {
  once(event: "close", listener: () => void): unknown;
}

export class ExportGate {
  private running = 0;

  constructor(readonly capacity: number = DEFAULT_EXPORTS_AT_ONCE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`exports at once must be a whole number of at least 1, not ${capacity}`);
  }

  /** Slots taken now. */
  get inUse(): number {
    return this.running;
  }

  /** A slot, or 503 scheduleBusy (with Retry-After) when every one is taken. */
  enter(): ExportSlot {
    if (this.running >= this.capacity) {
      throw new AppError("scheduleBusy", "Too many full-schedule downloads are running. Try again in a minute.", { retryAfterSeconds: BUSY_RETRY_SECONDS });
    }
    this.running++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running--;
      },
      get released() {
        return released;
      },
    };
  }

  /** Runs work that ends with its promise (an export collected in memory), holding a slot until it settles. */
  async run<T>(work: (slot: ExportSlot) => Promise<T>): Promise<T> {
    const slot = this.enter();
    try {
      return await work(slot);
    } finally {
      slot.release();
    }
  }

  /**
   * A slot held until the response closes: sent in full, failed, or the client gone mid-stream.
   * The response's "close" is the one event every ending has (a stream's own end or error is
   * not enough: a stream that fails before it is piped, or one never read, has neither).
   */
  enterFor(response: ClosingResponse): ExportSlot {
    const slot = this.enter();
    response.once("close", slot.release);
    return slot;
  }
}

/**
 * The source's items while the slot is held, with a pause for other requests every SLICE_MS.
 *
 * The pause matters as much as the limit: the database reads resolve at once (SQLite's are
 * synchronous) and a socket that keeps up takes every write at once, so a streamed export is one
 * unbroken chain of promise callbacks that never returns to Node's event loop: no other request,
 * not even a search, was answered until the whole export had been sent (measured: a search
 * waited the full 15 s of a 100,000-meeting feed). Yielding a turn now and then lets them in.
 *
 * Once the slot is released (the client gone) no more items are read, and the source is closed so
 * its database reads stop. Readable.from stops its own generator when Fastify destroys it, but the
 * PDF writer reads its entries in a loop of its own, which nothing else would stop.
 */
export async function* whileHeld<T>(slot: ExportSlot, source: AsyncIterable<T>): AsyncGenerator<T> {
  if (slot.released) return;
  let sliceStart = performance.now();
  // Leaving a for-await early closes the source (its finally blocks run).
  for await (const item of source) {
    if (slot.released) return;
    yield item;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
    if (slot.released) return;
  }
}

/**
 * Batches cut into pieces of at most `size`, so that a reader doing much with each item (the PDF
 * writer lays out a row in about a millisecond) reaches whileHeld's pauses often enough.
 */
export async function* inPieces<T>(batches: AsyncIterable<T[]>, size: number): AsyncGenerator<T[]> {
  for await (const batch of batches) {
    for (let i = 0; i < batch.length; i += size) yield batch.slice(i, i + size);
  }
}
