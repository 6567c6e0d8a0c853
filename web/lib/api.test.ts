import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "./api";

function answer(status: number, body: unknown, type = "application/problem+json") {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": type } })));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("api", () => {
  it("returns the JSON body of a success, and nothing for 204", async () => {
    answer(200, { handle: "ana" }, "application/json");
    expect(await api.get("/api/account")).toEqual({ handle: "ana" });
    answer(204, undefined);
    expect(await api.delete("/api/session")).toBeUndefined();
  });

  it("sends JSON with the right method and content type", async () => {
    answer(200, {}, "application/json");
    await api.patch("/api/account", { language: "es" });
    const [path, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(path).toBe("/api/account");
    expect(init).toMatchObject({ method: "PATCH", body: '{"language":"es"}', headers: { "content-type": "application/json" } });
  });

  it("turns problem+json into an ApiError with the code and field errors", async () => {
    answer(400, {
      type: "urn:kindred:problem:validation",
      title: "Some of what was sent is not valid",
      status: 400,
      errors: [{ field: "handle", message: "at least 3 characters" }],
    });
    const error = await api.post("/api/account", { handle: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "validation" });
    expect((error as ApiError).fieldError("handle")).toBe("at least 3 characters");
    expect((error as ApiError).fieldError("password")).toBeUndefined();
  });

  it("reports an unreachable server as a network problem", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(api.get("/api/account")).rejects.toMatchObject({ code: "network", status: 0 });
  });

  it("reports a non-JSON server failure as internal", async () => {
    answer(502, "Bad gateway", "text/html");
    await expect(api.get("/api/account")).rejects.toMatchObject({ code: "internal", status: 502 });
  });
});
