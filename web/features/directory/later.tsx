/**
 * Parts of the directory page whose code arrives after the page works, to keep the page within
 * its JavaScript budget (docs/PERFORMANCE.md). On the server they are loaded before rendering
 * (the page's `prepare`), so the HTML is complete. In the browser the page hydrates at once; a
 * part not loaded yet keeps the server's HTML (it still works as a plain form and plain links)
 * until its file arrives, then hydrates in place: nothing moves. Wrap each in <Suspense>.
 */
import { use, type ComponentType, type ReactNode } from "react";

export type LaterPart<P> = ((props: P) => ReactNode) & { preload(): Promise<void> };

export function later<P extends object>(load: () => Promise<ComponentType<P>>): LaterPart<P> {
  let Loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        Loaded = component;
      },
      // Without its file the part stays as the server rendered it, which works without JavaScript.
      () => new Promise<void>(() => undefined),
    ));
  function Part(props: P) {
    if (!Loaded) use(preload());
    const Component = Loaded!;
    return <Component {...props} />;
  }
  return Object.assign(Part, { preload });
}
