import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, setupOrganization, signUp } from "../../testing/client";
import { createTestApp, dialects, type TestApp } from "../../testing/harness";

describe.each(dialects)("GET /api/crisis on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it("answers for the country asked, signed out", async () => {
    const res = await send(t.app, "GET", "/api/crisis?country=gb");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ country: "GB", emergency: "999", internationalDirectoryUrl: "https://findahelpline.com" });
    expect(body.lines.map((l: { service: string }) => l.service)).toEqual(["Samaritans", "Shout"]);
    expect(body.lines[1].text).toEqual({ number: "85258", body: "SHOUT" });
    expect(body.notice.en).toContain("not a crisis service");
  });

  it("uses the browser's region, with 112 where Europe's number is all we know", async () => {
    const mx = (await send(t.app, "GET", "/api/crisis", { headers: { "accept-language": "es-MX,es;q=0.8" } })).json();
    expect(mx).toMatchObject({ country: "MX", emergency: "911", lines: [] });
    const de = (await send(t.app, "GET", "/api/crisis", { headers: { "accept-language": "de-DE" } })).json();
    expect(de).toMatchObject({ country: "DE", emergency: "112", lines: [] });
    const none = (await send(t.app, "GET", "/api/crisis", { headers: { "accept-language": "en" } })).json();
    expect(none).toMatchObject({ country: null, emergency: null, lines: [] });
  });

  it("prefers the member's own country to the browser's region", async () => {
    await setupOrganization(t.app);
    const ana = await signUp(t.app, "ana_nz", { country: "NZ" });
    const res = await send(t.app, "GET", "/api/crisis", { as: ana, headers: { "accept-language": "en-US" } });
    expect(res.json()).toMatchObject({ country: "NZ", emergency: "111" });
  });

  it("refuses a country that is not a two-letter code, naming the field", async () => {
    const res = await send(t.app, "GET", "/api/crisis?country=Mexico");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toContain("country");
  });
});
