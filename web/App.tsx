import { Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useRoutes } from "react-router";
import { Layout } from "./components/Layout";
import { routes } from "./routes";

export function App() {
  return (
    <Layout>
      <MoveFocusOnNavigation />
      {/* Navigations are transitions, so the last page stays until a lazy page's file arrives. */}
      <Suspense fallback={<PageLoading />}>
        <Pages />
      </Suspense>
    </Layout>
  );
}

/** The page for the URL. The route table as it is (not <Routes> of <Route>s, whose conversion the bundle would carry). */
function Pages() {
  return useRoutes(routes);
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {t("loading.text")}
    </p>
  );
}

/**
 * After an in-app navigation, focus the main region so screen readers start at the new page
 * (as they would after a full page load). Not on the first render.
 */
function MoveFocusOnNavigation() {
  const { pathname } = useLocation();
  useEffect(() => {
    const main = document.getElementById("main");
    if (main && document.body.dataset.navigated) main.focus();
    document.body.dataset.navigated = "1";
  }, [pathname]);
  return null;
}
