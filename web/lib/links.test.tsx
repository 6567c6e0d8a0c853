// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { MemoryRouter, useLocation } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { Link, NavLink } from "./links";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let container: HTMLElement;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

function Where() {
  const location = useLocation();
  return <output>{location.pathname + location.search}</output>;
}

function render(at: string, links: React.ReactNode) {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <MemoryRouter initialEntries={[at]}>
        <nav>{links}</nav>
        <Where />
      </MemoryRouter>,
    ),
  );
  const link = (name: string) => [...container.querySelectorAll("a")].find((a) => a.textContent === name)!;
  return { link, where: () => container.querySelector("output")!.textContent };
}

describe("our Link and NavLink (React Router's, without framework-mode prefetching)", () => {
  it("go to the page in place on a plain click, and leave other clicks to the browser", () => {
    const page = render("/groups", [<Link key="a" to="/meetings?day=1">Meetings</Link>, <Link key="b" to="tel:+15555550100">Call</Link>]);
    expect(page.link("Meetings").getAttribute("href")).toBe("/meetings?day=1");
    expect(page.link("Call").getAttribute("href")).toBe("tel:+15555550100");

    act(() => page.link("Meetings").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ctrlKey: true })));
    expect(page.where()).toBe("/groups");
    act(() => page.link("Meetings").dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 })));
    expect(page.where()).toBe("/meetings?day=1");
  });

  it("mark the link to the page being read, and its section unless `end`", () => {
    const page = render("/groups/42", [
      <NavLink key="h" to="/" end>Home</NavLink>,
      <NavLink key="g" to="/groups" className="nav">Groups</NavLink>,
      <NavLink key="gx" to="/groups" end>Groups only</NavLink>,
      <NavLink key="g4" to="/groups/4">Group 4</NavLink>,
    ]);
    expect(page.link("Groups").getAttribute("aria-current")).toBe("page");
    expect(page.link("Groups").className).toBe("nav active");
    for (const name of ["Home", "Groups only", "Group 4"]) {
      expect(page.link(name).getAttribute("aria-current"), name).toBeNull();
      expect(page.link(name).className, name).toBe("");
    }
  });
});
