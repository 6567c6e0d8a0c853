import { crisisResourcesFor, pickCrisisCountry, type CrisisResources } from "../../../core/crisis";

/** Crisis lines for a person: the country they ask for, else their own, else their browser's region. */
export class CrisisService {
  resourcesFor(input: { askedCountry?: string; memberCountry: string | null; acceptLanguage?: string }): CrisisResources {
    return crisisResourcesFor(input.askedCountry ?? pickCrisisCountry(input.memberCountry, input.acceptLanguage));
  }

  countryFor(memberCountry: string | null, acceptLanguage: string | undefined): string | null {
    return pickCrisisCountry(memberCountry, acceptLanguage);
  }
}
