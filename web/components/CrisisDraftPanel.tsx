/**
 * A calm panel for the person writing: while a draft (a topic, a reply, a direct message) reads
 * like crisis (core/crisis-phrases.ts), it shows them, and only them, their country's crisis
 * lines before they post. It runs entirely in the browser: nothing is recorded, sent or shown to
 * anyone else because of a draft. Its words are in web/locales/<lang>/board.json ("crisisDraft").
 *
 *   const crisis = useCrisisDraft(body);
 *   <textarea value={body} onChange={...} />
 *   <CrisisDraftPanel {...crisis} />
 */
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { crisisResourcesFor } from "../../core/crisis";
import { readsLikeCrisis } from "../../core/crisis-phrases";
import { useAppState } from "../lib/app-state";
import { countryName } from "../lib/countries";
import { CrisisLines, EmergencyCall } from "./CrisisLines";

export interface CrisisDraft {
  /** Show the panel now. */
  show: boolean;
  /** The writer put it away; it stays away until this draft is cleared (posted or emptied). */
  dismiss(): void;
}

/**
 * Whether to show the panel for this draft. Once a draft has read like crisis the panel stays
 * (words being rephrased should not make help vanish) until the writer hides it or the draft is
 * emptied, e.g. after posting.
 */
export function useCrisisDraft(text: string): CrisisDraft {
  const matches = useMemo(() => readsLikeCrisis(text), [text]);
  const empty = text.trim() === "";
  const [seen, setSeen] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  // Adjusting state while rendering (React's pattern for state derived from props): no effect, no flash.
  if (matches && !seen) setSeen(true);
  if (empty && (seen || dismissed)) {
    setSeen(false);
    setDismissed(false);
  }
  return useMemo(() => ({ show: (matches || seen) && !dismissed && !empty, dismiss: () => setDismissed(true) }), [matches, seen, dismissed, empty]);
}

/** The panel; its live region is always in the page so that screen readers hear it appear. */
export function CrisisDraftPanel({ show, dismiss, headingLevel = 2 }: CrisisDraft & { headingLevel?: 2 | 3 }) {
  return <div aria-live="polite">{show ? <Panel dismiss={dismiss} headingLevel={headingLevel} /> : null}</div>;
}

function Panel({ dismiss, headingLevel }: { dismiss: () => void; headingLevel: 2 | 3 }) {
  const { t } = useTranslation("board");
  const { state } = useAppState();
  const language = state.language;
  const { country, entry, emergency } = crisisResourcesFor(state.crisisCountry);
  const name = country ? (entry?.name[language] ?? countryName(country, language)) : null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const id = useId();
  return (
    <section className="crisis-draft" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>{t("crisisDraft.heading")}</Heading>
      <p>{t("crisisDraft.intro")}</p>
      {emergency ? (
        <p className="crisis-draft-emergency">
          {t("crisisDraft.emergency")} <EmergencyCall number={emergency} />
        </p>
      ) : null}
      {entry ? (
        <>
          {name ? <p>{t("crisisDraft.linesIn", { country: name })}</p> : null}
          <CrisisLines lines={entry.lines} language={language} variant="inline" />
        </>
      ) : (
        <p>{t("crisisDraft.noLines")}</p>
      )}
      <p>
        <Link to="/help">{t("crisisDraft.moreHelp")}</Link>
      </p>
      <p>{t("crisisDraft.private")}</p>
      <p>{t("crisisDraft.stillPost")}</p>
      <button type="button" className="button button-secondary" onClick={dismiss}>
        {t("crisisDraft.dismiss")}
      </button>
    </section>
  );
}
