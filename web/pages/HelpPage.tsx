/**
 * Crisis resources. Works signed out and without JavaScript: the country comes from ?country=XX,
 * else the member's country or the browser's region (decided by the server), and a plain GET
 * form changes it.
 */
import { useMemo, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { crisisResourcesFor, INTERNATIONAL_HELPLINES_URL } from "../../core/crisis";
import { CrisisLines, EmergencyCall } from "../components/CrisisLines";
import { useAppState } from "../lib/app-state";
import { COUNTRY_PATTERN, countryName, countryOptions } from "../lib/countries";
import { usePageTitle } from "../lib/page";

export function HelpPage() {
  const { t } = useTranslation("help");
  const { state } = useAppState();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  usePageTitle(t("title"));

  const asked = params.get("country");
  const country = asked && COUNTRY_PATTERN.test(asked) ? asked.toUpperCase() : state.crisisCountry;
  const { entry, emergency } = crisisResourcesFor(country);
  const language = state.language;
  const name = country ? (entry?.name[language] ?? countryName(country, language)) : null;
  const options = useMemo(() => countryOptions(language), [language]);

  const changeCountry = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget).get("country");
    void navigate(`/help?country=${encodeURIComponent(String(chosen ?? ""))}`);
  };

  return (
    <>
      <h1>{t("heading")}</h1>
      {emergency ? (
        <p className="emergency">
          {t("emergency")} <EmergencyCall number={emergency} />
        </p>
      ) : (
        <p className="emergency">{t("emergencyUnknown")}</p>
      )}

      <section aria-labelledby="help-lines">
        <h2 id="help-lines">{name ? t("linesIn", { country: name }) : t("linesHeading")}</h2>
        {entry ? (
          <CrisisLines lines={entry.lines} language={language} variant="page" />
        ) : (
          <p>{name ? t("noLinesFor", { country: name }) : t("chooseCountry")}</p>
        )}
        <p>
          {t("directory")} <a href={INTERNATIONAL_HELPLINES_URL}>findahelpline.com</a>
        </p>
      </section>

      <section aria-labelledby="help-country">
        <h2 id="help-country">{t("countryHeading")}</h2>
        <form method="get" action="/help" className="inline-form" onSubmit={changeCountry}>
          <div className="field">
            <label htmlFor="help-country-select">{t("countryLabel")}</label>
            <select id="help-country-select" name="country" defaultValue={country ?? ""} key={country ?? ""}>
              <option value="" disabled>
                {t("countryPlaceholder")}
              </option>
              {options.map((o) => (
                // Intl's country names differ a little between Node and browsers.
                <option key={o.value} value={o.value} suppressHydrationWarning>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            {t("showLines")}
          </button>
        </form>
      </section>

      <section aria-labelledby="help-about" className="callout">
        <h2 id="help-about">{t("aboutHeading")}</h2>
        <p>{t("notCrisisService")}</p>
        <p>{t("peerSupport")}</p>
      </section>
    </>
  );
}
