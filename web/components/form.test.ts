import { describe, expect, it } from "vitest";
import { createI18n } from "../lib/i18n";
import { translateFieldMessage } from "./form";

describe("translateFieldMessage", () => {
  const es = createI18n("es").t;
  const en = createI18n("en").t;

  it("says the server's English field messages in the reader's language", () => {
    expect(translateFieldMessage("at least 10 characters", es)).toBe("Usa al menos 10 caracteres.");
    expect(translateFieldMessage("at most 30 characters", en)).toBe("Use at most 30 characters.");
    expect(translateFieldMessage("a valid email address", es)).toBe("Escribe un correo como nombre@ejemplo.org.");
    expect(translateFieldMessage("Invalid input: expected string, received undefined", es)).toBe("Rellena este campo, por favor.");
  });

  it("keeps a message it does not know rather than hiding it", () => {
    expect(translateFieldMessage("is already taken", es)).toBe("is already taken");
  });
});
