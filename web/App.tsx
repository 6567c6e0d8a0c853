import { useEffect } from "react";
import { Route, Routes, useLocation } from "react-router";
import { Layout } from "./components/Layout";
import { routes } from "./routes";

export function App() {
  return (
    <Layout>
      <MoveFocusOnNavigation />
      <Routes>
        {routes.map((route) => (
          <Route key={route.path} path={route.path} element={route.element} />
        ))}
      </Routes>
    </Layout>
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
