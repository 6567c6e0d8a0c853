/**
 * A country's crisis lines, as the help page (/help) and the crisis draft panel show them: each
 * line with what it offers and plain links to call or text it (tel: and sms:), so they work
 * without JavaScript. Words from web/locales/<lang>/help.json.
 */
import { useTranslation } from "react-i18next";
import type { CrisisLine } from "../../core/crisis";
import type { UiLanguage } from "../lib/state";

/** The emergency number as a button to call it. */
export function EmergencyCall({ number }: { number: string }) {
  const { t } = useTranslation("help");
  return (
    <a className="button button-urgent" href={`tel:${number}`}>
      {t("callNumber", { number })}
    </a>
  );
}

/**
 * The lines, one item each. `page` (the help page) gives each line a heading (h3) and its web
 * address; `inline` (inside a panel) names it in bold before what it offers, with call and text only.
 */
export function CrisisLines({ lines, language, variant }: { lines: readonly CrisisLine[]; language: UiLanguage; variant: "page" | "inline" }) {
  return (
    <ul className="crisis-lines">
      {lines.map((line) => (
        <CrisisLineItem key={line.service} line={line} language={language} variant={variant} />
      ))}
    </ul>
  );
}

function CrisisLineItem({ line, language, variant }: { line: CrisisLine; language: UiLanguage; variant: "page" | "inline" }) {
  const { t } = useTranslation("help");
  return (
    <li className="crisis-line">
      {variant === "page" ? (
        <>
          <h3>{line.service}</h3>
          <p>{line.how[language]}</p>
        </>
      ) : (
        <p>
          <strong>{line.service}</strong>: {line.how[language]}
        </p>
      )}
      <p className="actions">
        {line.call ? (
          <a className="button" href={`tel:${line.call}`}>
            {t("callNumber", { number: line.call })}
          </a>
        ) : null}
        {line.text ? (
          <a className="button button-secondary" href={smsLink(line.text)}>
            {line.text.body ? t("textWord", { word: line.text.body, number: line.text.number }) : t("textNumber", { number: line.text.number })}
          </a>
        ) : null}
        {variant === "page" && line.url ? <a href={line.url}>{line.url.replace(/^(https:\/\/|mailto:)/, "")}</a> : null}
      </p>
    </li>
  );
}

function smsLink(text: { number: string; body?: string }): string {
  // "?&body=" is understood by both Android and iOS.
  return `sms:${text.number}${text.body ? `?&body=${encodeURIComponent(text.body)}` : ""}`;
}
