import type { ApiForm } from "../../components/form";

/**
 * A field's error in the reader's language. The shared form code translates the messages common
 * to all forms; any other message the server gives (in English) is replaced by the page's words.
 */
export function fieldMessage(form: ApiForm, field: string, pageWords: string): string | undefined {
  const sent = form.error?.fieldError(field);
  if (sent === undefined) return undefined;
  const translated = form.fieldError(field);
  return translated !== sent ? translated : pageWords;
}
