import { describe, expect, it } from "vitest";
import { describeFormat, findTemplate, Format, FORMAT_TEMPLATES, TEMPLATE_IDS } from "./formats";

describe("built-in format templates", () => {
  it.each(FORMAT_TEMPLATES.map((t) => [t.id, t.language, t] as const))("%s (%s) is a valid format", (_id, language, template) => {
    expect(Format.parse(template.format)).toEqual(template.format);
    expect(template.format.language).toBe(language);
  });

  it.each(TEMPLATE_IDS)("%s has the same steps in English and Spanish", (id) => {
    const shape = (language: "en" | "es") =>
      findTemplate(id, language).format.steps.map(({ id, kind, speaking, chatOpen, shareLimitSeconds, allowPass, crosstalkAllowed }) => ({
        id,
        kind,
        speaking,
        chatOpen,
        shareLimitSeconds,
        allowPass,
        crosstalkAllowed,
      }));
    expect(shape("es")).toEqual(shape("en"));
  });

  it("opens every template by saying it is peer support, not therapy or a crisis service", () => {
    for (const template of FORMAT_TEMPLATES) {
      const opening = template.format.steps[0]!;
      expect(opening.kind).toBe("opening");
      expect(opening.text).toMatch(template.language === "en" ? /not therapy.*crisis service/ : /No es terapia.*servicio de crisis/);
    }
  });

  it("gives the SMART-style meeting a check-in, an agenda and a check-out, and asks anyone using to listen", () => {
    const smart = findTemplate("smart_style", "en").format;
    expect(smart.steps.map((s) => s.kind)).toEqual(["opening", "check_in_round", "share", "open_sharing", "contributions", "check_out_round", "closing"]);
    expect(smart.steps[0]!.text).toContain("listen rather than share");
  });
});

describe("a format's rules", () => {
  const base = findTemplate("peer_support_open_share", "en").format;

  it("needs one to forty steps with distinct ids", () => {
    expect(Format.safeParse({ ...base, steps: [] }).success).toBe(false);
    expect(Format.safeParse({ ...base, steps: Array.from({ length: 41 }, (_, i) => ({ ...base.steps[0]!, id: `s${i}` })) }).success).toBe(false);
    const twins = Format.safeParse({ ...base, steps: [base.steps[0]!, base.steps[0]!] });
    expect(twins.success).toBe(false);
    expect(twins.error?.issues[0]?.path).toEqual(["steps", 1, "id"]);
  });

  it("keeps share limits between 30 seconds and an hour", () => {
    const withLimit = (shareLimitSeconds: number) => ({ ...base, steps: [{ ...base.steps[2]!, shareLimitSeconds }] });
    expect(Format.safeParse(withLimit(29)).success).toBe(false);
    expect(Format.safeParse(withLimit(3601)).success).toBe(false);
    expect(Format.safeParse(withLimit(90)).success).toBe(true);
  });
});

describe("describing a format in plain words", () => {
  it("says, step by step, who speaks, for how long, whether one may pass, and whether chat is open", () => {
    const lines = describeFormat(findTemplate("twelve_step_discussion", "en").format, "en");
    expect(lines[0]).toBe("1. Opening: the chair speaks; chat is closed.");
    expect(lines[3]).toBe(
      "4. Introductions: everyone takes a turn, in order; up to 1 minute each; you may pass; no replies to a share while it goes on; chat is closed.",
    );
    expect(lines[5]).toContain("raise your hand and the chair gives you the turn; up to 3 minutes each");
  });

  it("speaks Spanish, with minutes and seconds", () => {
    const format = findTemplate("grief_circle", "es").format;
    const odd = { ...format, steps: [{ ...format.steps[2]!, shareLimitSeconds: 90 }] };
    expect(describeFormat(odd, "es")[0]).toBe(
      "1. A quién recordamos: todas las personas toman un turno, por orden; hasta 1 minuto y 30 segundos por turno; puedes pasar; no se responde a quien comparte mientras habla; el chat está cerrado.",
    );
  });
});
