/**
 * Compressed responses for people on slow connections: which encoding a request accepts, bodies
 * compressed (small ones at once, large ones on the threadpool), and sending a body in the form
 * the request takes. Built files are compressed at build time instead (vite.config.ts), and a
 * search page once per search (the meetings service keeps it gzipped in its cache).
 */
import { negotiate } from "@fastify/accept-negotiator";
import type { FastifyReply, FastifyRequest } from "fastify";
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip";

/** The encoding of `offered` the request prefers, or null for none (no header, identity, q=0). */
export function acceptedEncoding(request: FastifyRequest, offered: readonly Encoding[]): Encoding | null {
  const chosen = negotiate(request.headers["accept-encoding"] ?? "", [...offered, "identity"]);
  return chosen === "br" || chosen === "gzip" ? chosen : null;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Brotli quality 5: about gzip's speed, smaller output (11, its best, is for build time). */
const BROTLI_PER_REQUEST = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/**
 * Below this many bytes a body is compressed on the event loop. Handing a body to the threadpool
 * and back costs about 1 ms of waiting; compressing a page of search results (15 KB) costs about
 * 0.07 ms (gzip) or 0.1 ms (brotli at quality 5) of CPU. A large body (a group's page with long
 * guidelines, say) still goes to the threadpool, so it never holds up other requests for long.
 */
const ON_THE_LOOP_BELOW = 64 * 1024;

/** `body` compressed: here when it is small, else on the threadpool. */
export async function compressed(body: string | Buffer, encoding: Encoding): Promise<Buffer> {
  if (Buffer.byteLength(body) < ON_THE_LOOP_BELOW) return encoding === "br" ? brotliCompressSync(body, BROTLI_PER_REQUEST) : gzipSync(body);
  return encoding === "br" ? brotli(body, BROTLI_PER_REQUEST) : gzipped(body);
}

/**
 * Sends the form of a body the request takes: `encoded` holds the plain body and any compressed
 * forms already made. The response varies by Accept-Encoding, whichever is sent.
 */
export function sendEncoded<T>(request: FastifyRequest, reply: FastifyReply, encoded: { plain: T } & Partial<Record<Encoding, T>>): FastifyReply {
  reply.header("vary", [reply.getHeader("vary"), "Accept-Encoding"].filter(Boolean).join(", "));
  const encoding = acceptedEncoding(
    request,
    (["br", "gzip"] as const).filter((offered) => encoded[offered] !== undefined),
  );
  if (encoding === null) return reply.send(encoded.plain);
  return reply.header("content-encoding", encoding).send(encoded[encoding]);
}

/** Sends `body`, compressed now (brotli or gzip) when the request allows it and it is worth it. */
export async function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: string): Promise<FastifyReply> {
  const encoding = Buffer.byteLength(body) >= 1024 ? acceptedEncoding(request, ["br", "gzip"]) : null;
  return sendEncoded(request, reply, encoding === null ? { plain: body } : { plain: body, [encoding]: await compressed(body, encoding) });
}
