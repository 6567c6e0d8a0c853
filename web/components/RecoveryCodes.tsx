import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { StatusMessage } from "./form";

/**
 * Recovery codes, shown once: copy or download them, and say they are saved before going on.
 */
export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation("account");
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const headingId = useId();
  const asText = `${t("codes.fileIntro")}\n\n${codes.join("\n")}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied(t("codes.copied"));
    } catch {
      setCopied(t("codes.copyFailed"));
    }
  };

  return (
    <section className="recovery-codes" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("codes.heading")}</h2>
      <p>{t("codes.explain")}</p>
      <p className="notice">{t("codes.onlyOnce")}</p>
      <ol className="codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="actions">
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          {t("codes.copy")}
        </button>
        <a
          className="button button-secondary"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(asText)}`}
          download="kindred-recovery-codes.txt"
        >
          {t("codes.download")}
        </a>
      </p>
      <StatusMessage>{copied}</StatusMessage>
      <div className="field field-check">
        <input id={`${headingId}-saved`} type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <label htmlFor={`${headingId}-saved`}>{t("codes.savedCheckbox")}</label>
      </div>
      <button type="button" className="button" disabled={!saved} onClick={onContinue}>
        {t("codes.continue")}
      </button>
    </section>
  );
}
