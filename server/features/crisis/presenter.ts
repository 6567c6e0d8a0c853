import { z } from "zod";
import { INTERNATIONAL_HELPLINES_URL, type CrisisResources } from "../../../core/crisis";

const InLanguages = z.object({ en: z.string(), es: z.string() });

export const CrisisResponse = z.object({
  /** The country the lines are for (ISO 3166-1 alpha-2), or null when unknown. */
  country: z.string().nullable(),
  countryName: InLanguages.nullable(),
  /** The emergency number, or null when Kindred does not know it for this country. */
  emergency: z.string().nullable(),
  lines: z.array(
    z.object({
      service: z.string(),
      how: InLanguages,
      call: z.string().nullable(),
      text: z.object({ number: z.string(), body: z.string().nullable() }).nullable(),
      url: z.string().nullable(),
    }),
  ),
  internationalDirectoryUrl: z.string(),
  notice: InLanguages,
});

export function presentCrisisResources({ country, entry, emergency }: CrisisResources): z.infer<typeof CrisisResponse> {
  return {
    country,
    countryName: entry?.name ?? null,
    emergency,
    lines: (entry?.lines ?? []).map((line) => ({
      service: line.service,
      how: line.how,
      call: line.call ?? null,
      text: line.text ? { number: line.text.number, body: line.text.body ?? null } : null,
      url: line.url ?? null,
    })),
    internationalDirectoryUrl: INTERNATIONAL_HELPLINES_URL,
    notice: {
      en: "Kindred is not a crisis service. If you are in danger, call your emergency number now.",
      es: "Kindred no es un servicio de crisis. Si estás en peligro, llama ahora al número de emergencias.",
    },
  };
}
