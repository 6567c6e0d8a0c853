/**
 * The directory's result cache: the finished response bodies of recent searches, so the same
 * search asked again within the minute (the directory's default view above all) costs a lookup
 * instead of a search, a presentation and a serialization.
 *
 * - The key is the search made canonical (`searchKey`): its filters as the search reads them, the
 *   viewer's time zone, the cursor, and the minute the results are for. Results depend on "now"
 *   only by the minute (the search ranks from a whole minute), so a key's results never go out
 *   of date by time passing; a new minute is a new key.
 * - Writes: whatever could change a result (a meeting written, an import, a group's visibility,
 *   name or focus areas) calls `invalidate()` once it is committed, which empties the cache and
 *   makes any search still running store nothing (it may have read before the write).
 * - Writes this process cannot see (another instance on the same PostgreSQL database, or the
 *   `kindred import` command on the same SQLite file) show after at most `ttlMs`.
 * - Bounded: at most `maxEntries` entries and `maxBytes` counted bytes, least recently used
 *   first out; a body over an eighth of `maxBytes` is not kept.
 * - Identical searches that miss together run once: later ones wait for the first.
 */
import type { MeetingSearchQuery } from "../../../core/meetings/api";
import { parseTextQuery } from "./words";

export interface SearchCacheOptions {
  maxEntries: number;
  maxBytes: number;
  /** How long an entry may be served, on the clock given (milliseconds). */
  ttlMs: number;
}

export const SEARCH_CACHE_DEFAULTS: SearchCacheOptions = { maxEntries: 500, maxBytes: 16 * 1024 * 1024, ttlMs: 10_000 };

/**
 * What an entry costs besides its body, counted with its key at two bytes a character: the Map's
 * slot, the entry object, the Buffer and its ArrayBuffer. Measured (heap and array buffers after
 * garbage collection, 500 entries with 120-character keys and bodies of 2 to 30 KB): 490 to 660
 * bytes beyond the body, key included, against about 750 counted; so the counted bytes, kept
 * within maxBytes, are an upper bound of the memory held.
 */
export const ENTRY_OVERHEAD_BYTES = 512;

/** What the cache keeps: a body (a Buffer, or a body with its gzipped form), with the bytes it holds. */
export interface Sized {
  readonly byteLength: number;
}

interface Entry<T> {
  body: T;
  /** When the search that made it began, on the cache's clock. */
  since: number;
  bytes: number;
}

export interface SearchCacheStats {
  entries: number;
  /** Bodies, keys (two bytes a character) and ENTRY_OVERHEAD_BYTES per entry. */
  bytes: number;
  hits: number;
  misses: number;
}

export class SearchResultCache<T extends Sized = Buffer> {
  /** False: every search runs (the benchmark's cold figures). */
  enabled = true;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly running = new Map<string, Promise<T>>();
  private generation = 0;
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private sweptAt = -Infinity;

  constructor(
    private readonly clock: () => number,
    private readonly options: SearchCacheOptions = SEARCH_CACHE_DEFAULTS,
  ) {}

  /** The body kept for `key`, or the one `compute` makes (kept unless something was written meanwhile). */
  async get(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    const now = this.clock();
    const found = this.entries.get(key);
    if (found && now - found.since < this.options.ttlMs && now >= found.since) {
      // Most recently used goes last: the Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, found);
      this.hits++;
      return found.body;
    }
    if (found) this.drop(key, found);
    const already = this.running.get(key);
    if (already) return already;
    this.misses++;
    const generation = this.generation;
    const work = compute().then(
      (body) => {
        if (this.running.get(key) === work) this.running.delete(key);
        if (generation === this.generation) this.keep(key, { body, since: now, bytes: body.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES });
        return body;
      },
      (error: unknown) => {
        if (this.running.get(key) === work) this.running.delete(key);
        throw error;
      },
    );
    this.running.set(key, work);
    return work;
  }

  /** Something a result may show has changed (and is committed): nothing kept or still running is used again. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.running.clear();
    this.bytes = 0;
  }

  stats(): SearchCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  private keep(key: string, entry: Entry<T>): void {
    if (entry.bytes > this.options.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.sweep(entry.since);
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.drop(oldest, value);
    }
  }

  /** Entries past their time are never served; at most once per ttl, they are let go at once. */
  private sweep(now: number): void {
    if (now - this.sweptAt < this.options.ttlMs) return;
    this.sweptAt = now;
    for (const [key, entry] of this.entries) if (now - entry.since >= this.options.ttlMs || now < entry.since) this.drop(key, entry);
  }

  private drop(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** A list whose order and repeats mean nothing (its values are OR'd, or all must hold). */
const asSet = <T extends string | number>(values: T[] | undefined): string[] | null =>
  values?.length ? [...new Set(values.map(String))].sort() : null;

/**
 * The search as the search reads it, for `at` (a whole minute): two queries with the same key
 * always get the same results. Words as the search parses them; lists as sets; the radius and
 * unit only with a point (they mean nothing without one); the viewer's zone as given (it is shown
 * back); the cursor as sent. Who asks is not part of it: the search lists listed meetings only,
 * the same for everyone.
 */
export function searchKey(query: MeetingSearchQuery, at: Date): string {
  return JSON.stringify([
    at.getTime(),
    query.tz,
    query.cursor ?? null,
    query.q ? parseTextQuery(query.q) : null,
    asSet(query.focus),
    asSet(query.types),
    asSet(query.language),
    asSet(query.attendance),
    asSet(query.day),
    asSet(query.timeOfDay),
    query.inProgress ?? false,
    query.startingWithinHours ?? null,
    query.near ? [query.near.latitude, query.near.longitude, query.radius ?? null, query.unit] : null,
  ]);
}
