/**
 * The one form for adding a meeting and for editing it. Field names are the API's field paths
 * ("schedule.start", "venue.address"), so the server's errors appear beside the right field.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CLOSED, languageOfTypeCode, MEETING_TYPE_CODES, meetingTypeName, OPEN, TEMPORARILY_CLOSED } from "../../../core/meetings/type-codes";
import { CheckboxField, ChoiceGroup, FormAlert, SelectField, SubmitButton, text, TextArea, TextField, useApiForm } from "../../components/form";
import { useGroupLabels } from "../../lib/group-labels";
import { OFFERED_LANGUAGES } from "../../../core/vocabulary";
import type { CreateMeetingRequest, MeetingView } from "./api";
import { browserZone, weekdayName } from "../../lib/meeting-time";

type Repeats = MeetingView["schedule"]["repeats"];
const REPEATS = ["week", "other_week", "month"] as const satisfies readonly Repeats["every"][];
const WEEKS = ["first", "second", "third", "fourth", "last"] as const;
const DAYS = [0, 1, 2, 3, 4, 5, 6];
const ACCESS = ["open", "closed", ""] as const;
const CONTRIBUTIONS = ["venmo", "square", "paypal", "homegroupOnline"] as const;

/** Types with a field of their own (open, closed, temporarily closed, languages) are not ticked here. */
const TYPE_CODES = MEETING_TYPE_CODES.filter((code) => ![OPEN, CLOSED, TEMPORARILY_CLOSED].includes(code) && languageOfTypeCode(code) === null);

const blank = (value: string) => (value.trim() === "" ? null : value.trim());
const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));

/** The request body from the form; a meeting's changed dates are kept as they are. */
function meetingFrom(data: FormData, shown: { every: Repeats["every"]; inPerson: boolean; online: boolean }, meeting?: MeetingView): CreateMeetingRequest {
  const field = (name: string) => text(data, name);
  const days = data.getAll("schedule.repeats.days").map(Number);
  const repeats: Repeats =
    shown.every === "month"
      ? { every: "month", week: field("schedule.repeats.week") as (typeof WEEKS)[number], day: Number(field("schedule.repeats.day")) }
      : shown.every === "other_week"
        ? { every: "other_week", days, anchor: field("schedule.repeats.anchor") }
        : { every: "week", days };
  return {
    name: field("name"),
    schedule: {
      repeats,
      start: field("schedule.start"),
      end: blank(field("schedule.end")),
      timeZone: field("schedule.timeZone"),
      startsOn: blank(field("schedule.startsOn")),
      exceptions: meeting?.schedule.exceptions ?? [],
    },
    access: (blank(field("access")) as MeetingView["access"]) ?? null,
    temporarilyClosed: data.has("temporarilyClosed"),
    types: data.getAll("types") as string[],
    languages: data.getAll("languages") as string[],
    venue: shown.inPerson
      ? {
          name: blank(field("venue.name")),
          address: blank(field("venue.address")),
          latitude: numberOrNull(field("venue.latitude")),
          longitude: numberOrNull(field("venue.longitude")),
          approximate: data.has("venue.approximate"),
          notes: blank(field("venue.notes")),
        }
      : null,
    online: shown.online
      ? { url: blank(field("online.url")), urlNotes: blank(field("online.urlNotes")), phone: blank(field("online.phone")), phoneNotes: blank(field("online.phoneNotes")) }
      : null,
    regions: field("regions")
      .split(",")
      .map((region) => region.trim())
      .filter(Boolean),
    notes: blank(field("notes")),
    contributions: Object.fromEntries(CONTRIBUTIONS.map((kind) => [kind, blank(field(`contributions.${kind}`))])) as CreateMeetingRequest["contributions"],
  };
}

export function MeetingForm({ meeting, save, submitLabel }: { meeting?: MeetingView; save: (body: CreateMeetingRequest) => Promise<void>; submitLabel: string }) {
  const { t, i18n } = useTranslation("meetings");
  const labels = useGroupLabels();
  const locale = i18n.language;
  const [every, setEvery] = useState<Repeats["every"]>(meeting?.schedule.repeats.every ?? "week");
  const [inPerson, setInPerson] = useState(meeting ? meeting.venue !== null : true);
  const [online, setOnline] = useState(meeting ? meeting.online !== null : false);
  const form = useApiForm((data) => save(meetingFrom(data, { every, inPerson, online }, meeting)));
  // The server words its complaints in English: what the shared form code cannot translate becomes a plain "check this".
  const error = (field: string) => {
    const translated = form.fieldError(field);
    return locale === "en" || translated !== form.error?.fieldError(field) ? translated : t("form.invalid");
  };

  const repeats = meeting?.schedule.repeats;
  const zone = meeting?.schedule.timeZone ?? browserZone() ?? "UTC";
  const zones = [...new Set([zone, ...Intl.supportedValuesOf("timeZone")])].sort();
  const languages = [...new Set([...OFFERED_LANGUAGES, ...(meeting?.languages ?? [])])];
  const dayOptions = DAYS.map((day) => ({ value: String(day), label: weekdayName(day, locale) }));
  const { venue, online: joining } = meeting ?? {};

  return (
    <form {...form.props} className="stack meeting-form">
      <FormAlert form={form} />
      <TextField name="name" label={t("form.name")} defaultValue={meeting?.name} error={error("name")} maxLength={255} required />

      <fieldset className="field choice-group">
        <legend>{t("form.when")}</legend>
        <div onChange={(event) => (event.target as HTMLInputElement).name === "every" && setEvery((event.target as HTMLInputElement).value as Repeats["every"])}>
          <ChoiceGroup name="every" legend={t("form.repeats")} options={REPEATS.map((r) => ({ value: r, label: t(`form.every.${r}`) }))} defaultValue={every} />
        </div>
        {every === "month" ? (
          <div className="inline-form">
            <SelectField
              name="schedule.repeats.week"
              label={t("form.weekOfMonth")}
              options={WEEKS.map((w) => ({ value: w, label: t(`schedule.nth.${w}`) }))}
              defaultValue={repeats?.every === "month" ? repeats.week : "first"}
              error={error("schedule.repeats.week")}
            />
            <SelectField
              name="schedule.repeats.day"
              label={t("form.weekday")}
              options={dayOptions}
              defaultValue={String(repeats?.every === "month" ? repeats.day : 1)}
              error={error("schedule.repeats.day")}
            />
          </div>
        ) : (
          <ChoiceGroup
            name="schedule.repeats.days"
            legend={t("form.days")}
            multiple
            options={dayOptions}
            defaultValue={repeats && repeats.every !== "month" ? repeats.days.map(String) : []}
            error={error("schedule.repeats.days")}
          />
        )}
        {every === "other_week" ? (
          <TextField
            type="date"
            name="schedule.repeats.anchor"
            label={t("form.anchor")}
            hint={t("form.anchorHint")}
            defaultValue={repeats?.every === "other_week" ? repeats.anchor : ""}
            error={error("schedule.repeats.anchor")}
            required
          />
        ) : null}
        <div className="inline-form">
          <TextField type="time" name="schedule.start" label={t("form.start")} defaultValue={meeting?.schedule.start} error={error("schedule.start")} required />
          <TextField type="time" name="schedule.end" label={t("form.end")} defaultValue={meeting?.schedule.end ?? ""} error={error("schedule.end")} />
        </div>
        <SelectField
          name="schedule.timeZone"
          label={t("form.timeZone")}
          options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
          defaultValue={zone}
          error={error("schedule.timeZone")}
        />
        <TextField
          type="date"
          name="schedule.startsOn"
          label={t("form.startsOn")}
          hint={t("form.startsOnHint")}
          defaultValue={meeting?.schedule.startsOn ?? ""}
          error={error("schedule.startsOn")}
        />
      </fieldset>

      <fieldset className="field choice-group">
        <legend>{t("form.attendance")}</legend>
        <CheckboxField name="meetsInPerson" label={t("form.inPerson")} checked={inPerson} onChange={(event) => setInPerson(event.currentTarget.checked)} />
        {inPerson ? (
          <>
            <TextField name="venue.name" label={t("form.venueName")} defaultValue={venue?.name ?? ""} error={error("venue.name")} maxLength={255} />
            <TextField name="venue.address" label={t("form.address")} defaultValue={venue?.address ?? ""} error={error("venue.address") ?? error("venue")} maxLength={500} />
            <div className="inline-form">
              <TextField name="venue.latitude" label={t("form.latitude")} inputMode="decimal" defaultValue={venue?.latitude ?? ""} error={error("venue.latitude")} />
              <TextField name="venue.longitude" label={t("form.longitude")} inputMode="decimal" defaultValue={venue?.longitude ?? ""} error={error("venue.longitude")} />
            </div>
            <CheckboxField name="venue.approximate" label={t("form.approximate")} defaultChecked={venue?.approximate ?? false} />
            <TextArea name="venue.notes" label={t("form.venueNotes")} defaultValue={venue?.notes ?? ""} error={error("venue.notes")} rows={3} />
          </>
        ) : null}
        <CheckboxField name="meetsOnline" label={t("form.online")} checked={online} onChange={(event) => setOnline(event.currentTarget.checked)} />
        {online ? (
          <>
            <TextField type="url" name="online.url" label={t("form.url")} defaultValue={joining?.url ?? ""} error={error("online.url") ?? error("online")} />
            <TextArea name="online.urlNotes" label={t("form.urlNotes")} defaultValue={joining?.urlNotes ?? ""} error={error("online.urlNotes")} rows={2} />
            <TextField type="tel" name="online.phone" label={t("form.phone")} hint={t("form.phoneHint")} defaultValue={joining?.phone ?? ""} error={error("online.phone")} />
            <TextArea name="online.phoneNotes" label={t("form.phoneNotes")} defaultValue={joining?.phoneNotes ?? ""} error={error("online.phoneNotes")} rows={2} />
          </>
        ) : null}
        <CheckboxField name="temporarilyClosed" label={t("form.temporarilyClosed")} defaultChecked={meeting?.temporarilyClosed ?? false} />
      </fieldset>

      <ChoiceGroup
        name="access"
        legend={t("form.access")}
        options={ACCESS.map((a) => ({ value: a, label: t(`form.accessChoice.${a || "unknown"}`) }))}
        defaultValue={meeting?.access ?? ""}
        error={error("access")}
      />
      <details className="field">
        <summary>{t("form.types")}</summary>
        <ChoiceGroup
          name="types"
          legend={t("form.types")}
          multiple
          options={TYPE_CODES.map((code) => ({ value: code, label: meetingTypeName(code, locale) }))}
          defaultValue={meeting?.types ?? []}
          error={error("types")}
        />
      </details>
      <ChoiceGroup
        name="languages"
        legend={t("form.languages")}
        multiple
        options={languages.map((code) => ({ value: code, label: labels.language(code) }))}
        defaultValue={meeting?.languages ?? []}
        error={error("languages")}
      />
      <TextField name="regions" label={t("form.regions")} hint={t("form.regionsHint")} defaultValue={meeting?.regions.join(", ") ?? ""} error={error("regions")} />
      <TextArea name="notes" label={t("form.notes")} hint={t("form.notesHint")} defaultValue={meeting?.notes ?? ""} error={error("notes")} rows={4} />
      <fieldset className="field choice-group">
        <legend>{t("contributions.heading")}</legend>
        {CONTRIBUTIONS.map((kind) => (
          <TextField
            key={kind}
            name={`contributions.${kind}`}
            label={t(`contributions.${kind}`)}
            defaultValue={meeting?.contributions[kind] ?? ""}
            error={error(`contributions.${kind}`)}
          />
        ))}
      </fieldset>
      <SubmitButton pending={form.pending}>{submitLabel}</SubmitButton>
    </form>
  );
}
