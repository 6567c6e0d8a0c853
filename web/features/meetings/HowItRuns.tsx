/**
 * "How this meeting runs": the meeting's format in plain words (server/features/formats), fetched
 * after hydration, so the page works and reads complete without it. Added by H6 (live meetings);
 * its words are in the "live" namespace.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MeetingFormat } from "../../../core/live/api";
import { useLoaded } from "../../components/Loaded";
import { api } from "../../lib/api";

export function HowItRuns({ meetingId, groupId }: { meetingId: string; groupId: string }) {
  const { t, i18n } = useTranslation("live");
  const language = i18n.language.startsWith("es") ? "es" : "en";
  const { loaded } = useLoaded(`meeting-format:${meetingId}:${language}`, () =>
    api.get<MeetingFormat>(`/api/meetings/${encodeURIComponent(meetingId)}/format?language=${language}`),
  );
  // Nothing to say until it is known (and nothing at all if it cannot be loaded: the rest of the page stands).
  if (loaded.state !== "ready") return null;
  const { format, description } = loaded.data;
  return (
    <section aria-labelledby="how-it-runs-heading">
      <h2 id="how-it-runs-heading">{t("howItRuns.heading")}</h2>
      <p>{t("howItRuns.intro", { name: format.name })}</p>
      {format.description ? <p>{format.description}</p> : null}
      <ol>
        {description.map((line) => (
          <li key={line}>{line.replace(/^\d+\. /, "")}</li>
        ))}
      </ol>
      <p>
        <Link to={`/groups/${groupId}/formats`}>{t("howItRuns.manage")}</Link>
      </p>
    </section>
  );
}
