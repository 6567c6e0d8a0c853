/**
 * Compressed responses for people on slow connections: which encoding a request accepts, and a
 * body compressed off the event loop. Built files are compressed at build time instead
 * (vite.config.ts), and a search page once per search (the meetings service).
 */
import { negotiate } from "@fastify/accept-negotiator";
import type { FastifyReply, FastifyRequest } from "fastify";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

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

/** Sends `body`, compressed as the request allows when it is worth it; the response varies by Accept-Encoding. */
export async function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: string): Promise<FastifyReply> {
  reply.header("vary", [reply.getHeader("vary"), "Accept-Encoding"].filter(Boolean).join(", "));
  const encoding = Buffer.byteLength(body) >= 1024 ? acceptedEncoding(request, ["br", "gzip"]) : null;
  if (encoding === null) return reply.send(body);
  const compressed = encoding === "br" ? await brotli(body, BROTLI_PER_REQUEST) : await gzipped(body);
  return reply.header("content-encoding", encoding).send(compressed);
}
