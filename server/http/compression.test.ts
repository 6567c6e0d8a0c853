import { describe, expect, it } from "vitest";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { compressed } from "./compression";

// A search page is about 15 KB (compressed on the event loop); a long page can pass 64 KB (on the threadpool).
const small = JSON.stringify({ meetings: Array.from({ length: 25 }, (_, i) => ({ name: `Serenity ${i}`, place: "Calle Mayor 1, Madrid · Łódź" })) });
const large = small.repeat(Math.ceil((80 * 1024) / small.length));

describe("compressed", () => {
  for (const [size, body] of [["small", small], ["large", large]] as const) {
    it(`gives a ${size} body back whole, gzip and brotli, from a string or bytes`, async () => {
      for (const input of [body, Buffer.from(body)]) {
        const gzipped = await compressed(input, "gzip");
        const brotli = await compressed(input, "br");
        expect(gunzipSync(gzipped).toString("utf8")).toBe(body);
        expect(brotliDecompressSync(brotli).toString("utf8")).toBe(body);
        expect(gzipped.length).toBeLessThan(Buffer.byteLength(body) / 3);
        expect(brotli.length).toBeLessThan(Buffer.byteLength(body) / 3);
      }
    });
  }
});
