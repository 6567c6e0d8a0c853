import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type Render = (source: string) => string;

/**
 * The Markdown renderer is fetched only when guidelines are shown, so pages without them (the
 * directory above all) do not carry it.
 */
let loadedRender: Render | null = null;
export async function loadGuidelinesRenderer(): Promise<Render> {
  loadedRender ??= (await import("./guidelines")).renderGuidelines;
  return loadedRender;
}

function useGuidelinesRenderer(): Render | null {
  const [render, setRender] = useState<Render | null>(() => loadedRender);
  useEffect(() => {
    if (!render) void loadGuidelinesRenderer().then((loaded) => setRender(() => loaded));
  }, [render]);
  return render;
}

/** Guidelines written in Markdown, shown as formatted text (raw HTML in them is shown as text). */
export function GuidelinesText({ source }: { source: string }) {
  const { t } = useTranslation();
  const render = useGuidelinesRenderer();
  if (!render) return <p>{t("loading.text")}</p>;
  return <div className="guidelines" dangerouslySetInnerHTML={{ __html: render(source) }} />;
}
