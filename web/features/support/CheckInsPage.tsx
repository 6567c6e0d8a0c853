/**
 * /check-ins: today's mood (1 to 5, in words) and an optional note, private unless shared with
 * one of my groups; a private chart of the last 90 days; past check-ins, with delete.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import type { Act } from "../../components/announce";
import { ChoiceGroup, FormAlert, NeedsJavaScript, SelectField, SubmitButton, text, TextArea, useApiForm } from "../../components/form";
import { LoadedView } from "../../components/Loaded";
import { RequireMember, usePageTitle } from "../../lib/page";
import { supportApi, type CheckIn, type MoodChart as Chart, type MyGroup } from "./api";
import { formatDay, localToday } from "./dates";
import { MoodChart } from "./MoodChart";
import { ActButton, fieldProblem, OlderButton, useActThenFocus, useOlderPages, useSupportPage } from "./parts";
import "./support.css";

const MOODS = [5, 4, 3, 2, 1] as const;
const NOTE_MAX = 1000;

interface CheckInsData {
  today: string;
  groups: MyGroup[];
  checkIns: CheckIn[];
  nextBefore: string | null;
  chart: Chart;
}

async function loadCheckIns(): Promise<CheckInsData> {
  const today = localToday();
  const [groups, page, chart] = await Promise.all([supportApi.myGroups(), supportApi.checkIns(), supportApi.chart(today)]);
  return { today, groups, checkIns: page.checkIns, nextBefore: page.nextBefore, chart };
}

export function CheckInsPage() {
  const { t } = useTranslation("support");
  usePageTitle(t("checkIns.title"));
  return (
    <RequireMember>
      <CheckIns />
    </RequireMember>
  );
}

function CheckIns() {
  const { t } = useTranslation("support");
  const { loaded, reload, announcer, regions, act, done } = useSupportPage("check-ins", loadCheckIns);
  return (
    <>
      <h1>{t("checkIns.title")}</h1>
      <p>{t("checkIns.intro")}</p>
      <NeedsJavaScript />
      {regions}
      <LoadedView loaded={loaded} retry={reload} notFound={null}>
        {(data) => (
          <>
            <TodayForm data={data} done={done} />
            <section aria-labelledby="check-ins-chart" className="settings-section">
              <h2 id="check-ins-chart">{t("checkIns.chartHeading")}</h2>
              <MoodChart chart={data.chart} />
            </section>
            <PastCheckIns key={data.checkIns.map((c) => c.id + c.updatedAt + (c.sharedWith?.groupId ?? "")).join()} data={data} act={act} onFail={announcer.failed} />
            {data.groups.length > 0 ? (
              <section aria-labelledby="check-ins-groups" className="settings-section">
                <h2 id="check-ins-groups">{t("checkIns.groupsHeading")}</h2>
                <ul>
                  {data.groups.map((group) => (
                    <li key={group.id}>
                      <Link to={`/groups/${group.id}/check-ins`}>{t("groupCheckIns.title", { group: group.name })}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        )}
      </LoadedView>
    </>
  );
}

function TodayForm({ data, done }: { data: CheckInsData; done: (message: string) => Promise<void> }) {
  const { t } = useTranslation("support");
  const todays = data.checkIns.find((c) => c.date === data.today) ?? null;
  const form = useApiForm(async (formData) => {
    const mood = Number(text(formData, "mood"));
    if (!mood) throw fieldProblem("mood", t("checkIns.chooseMood"));
    const note = text(formData, "note").trim();
    const share = text(formData, "share");
    let saved = await supportApi.checkIn(data.today, { mood, note: note || null });
    if (share && saved.sharedWith?.groupId !== share) saved = await supportApi.share(saved.id, share);
    if (!share && saved.sharedWith) saved = await supportApi.unshare(saved.id);
    await done(saved.sharedWith ? t("checkIns.savedShared", { group: saved.sharedWith.groupName }) : t("checkIns.savedPrivate"));
  });

  return (
    <section aria-labelledby="check-ins-today" className="settings-section">
      <h2 id="check-ins-today">{t("checkIns.todayHeading")}</h2>
      {todays ? <p>{t("checkIns.todayDone")}</p> : null}
      {/* Re-keyed after saving, so the fields show what was saved. */}
      <form {...form.props} className="stack" key={todays ? todays.updatedAt + (todays.sharedWith?.groupId ?? "") : "new"}>
        <FormAlert form={form} />
        <ChoiceGroup
          legend={t("checkIns.moodLegend")}
          name="mood"
          error={form.fieldError("mood")}
          defaultValue={todays ? String(todays.mood) : undefined}
          options={MOODS.map((mood) => ({ value: String(mood), label: t(`mood.${mood}`) }))}
        />
        <TextArea name="note" label={t("checkIns.note")} hint={t("checkIns.noteHint")} error={form.fieldError("note")} defaultValue={todays?.note ?? ""} maxLength={NOTE_MAX} rows={3} />
        {data.groups.length > 0 ? (
          <SelectField
            name="share"
            label={t("checkIns.share")}
            hint={t("checkIns.shareHint")}
            error={form.fieldError("groupId")}
            defaultValue={todays?.sharedWith?.groupId ?? ""}
            options={[{ value: "", label: t("checkIns.sharePrivate") }, ...data.groups.map((g) => ({ value: g.id, label: t("checkIns.shareWith", { group: g.name }) }))]}
          />
        ) : (
          <p className="field-hint">{t("checkIns.noGroups")}</p>
        )}
        <SubmitButton pending={form.pending}>{t("checkIns.save")}</SubmitButton>
      </form>
    </section>
  );
}

function PastCheckIns({ data, act, onFail }: { data: CheckInsData; act: Act; onFail: (message: string) => void }) {
  const { t, i18n } = useTranslation("support");
  const pages = useOlderPages(data.nextBefore, (before) => supportApi.checkIns(before).then((page) => ({ items: page.checkIns, nextBefore: page.nextBefore })), onFail);
  const past = useActThenFocus<HTMLHeadingElement>(act);
  const all = [...data.checkIns, ...pages.older];
  const day = (c: CheckIn) => formatDay(c.date, i18n.language, "long");

  return (
    <section aria-labelledby="check-ins-past" className="settings-section">
      <h2 id="check-ins-past" ref={past.ref} tabIndex={-1}>
        {t("checkIns.pastHeading")}
      </h2>
      {all.length === 0 ? <p>{t("checkIns.none")}</p> : null}
      <ul className="card-list">
        {all.map((checkIn) => (
          <li key={checkIn.id}>
            <article className="card" aria-labelledby={`check-in-${checkIn.id}`}>
              <h3 id={`check-in-${checkIn.id}`}>{day(checkIn)}</h3>
              <p>
                <strong>{t(`mood.${checkIn.mood}`)}</strong>
              </p>
              {checkIn.note ? <p className="support-text">{checkIn.note}</p> : null}
              <p className="field-hint">{checkIn.sharedWith ? t("checkIns.sharedWith", { group: checkIn.sharedWith.groupName }) : t("checkIns.private")}</p>
              <div className="actions">
                {checkIn.sharedWith ? (
                  <ActButton act={past.act} work={() => supportApi.unshare(checkIn.id)} done={t("checkIns.madePrivate", { date: day(checkIn) })} secondary>
                    {t("checkIns.stopSharing")}
                  </ActButton>
                ) : null}
                <ConfirmButton
                  label={t("checkIns.delete")}
                  question={t("checkIns.deleteQuestion", { date: day(checkIn) })}
                  confirmLabel={t("checkIns.deleteConfirm")}
                  onConfirm={() =>
                    past.act(async () => {
                      await supportApi.deleteCheckIn(checkIn.id);
                      return t("checkIns.deleted", { date: day(checkIn) });
                    })
                  }
                />
              </div>
            </article>
          </li>
        ))}
      </ul>
      <OlderButton pages={pages}>{t("checkIns.older")}</OlderButton>
    </section>
  );
}
