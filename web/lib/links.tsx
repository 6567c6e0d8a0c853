/**
 * <Link> and <NavLink> for a declarative <BrowserRouter> app, written against React Router's own
 * hooks (useHref, useLinkClickHandler, useResolvedPath). The library's components also carry its
 * framework mode's prefetching and route discovery (prefetch links, the route manifest, fetch
 * URLs: about 2.3 KiB gzipped in the entry), which only work under a data router we do not use.
 *
 * Every `import { Link, NavLink } from "react-router"` in web/ gets these (the build points
 * "react-router" at lib/react-router.ts, see vite.config.ts), in the server render and in the
 * browser alike, so both render the same anchor. They take React Router's props and behave the
 * same: the same href, a client-side navigation on a plain left click (replace, state,
 * preventScrollReset, relative, viewTransition, target, reloadDocument), an absolute URL
 * ("https:", "mailto:", "tel:") as an ordinary link; NavLink adds aria-current="page" and the
 * "active" class, or calls className/style/children with { isActive }. Not supported: `prefetch`,
 * `discover` and `mask` (framework and data-router features, ignored here; nothing uses them).
 */
import { forwardRef, useContext, type MouseEvent } from "react";
import {
  UNSAFE_NavigationContext as NavigationContext,
  useHref,
  useLinkClickHandler,
  useLocation,
  useResolvedPath,
  type LinkProps,
  type NavLinkProps,
} from "react-router";

/** A URL with a scheme or a protocol-relative one: leaves the app (React Router's own test). */
const ABSOLUTE_URL = /^(?:[a-z][a-z0-9+.-]*:|[\\/]{2})/i;

export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link(
  {
    to,
    replace,
    state,
    relative,
    reloadDocument,
    preventScrollReset,
    viewTransition,
    target,
    onClick,
    prefetch: _prefetch,
    discover: _discover,
    mask: _mask,
    defaultShouldRevalidate: _revalidate,
    ...rest
  },
  ref,
) {
  const { useTransitions } = useContext(NavigationContext) as { useTransitions?: boolean };
  const href = useHref(to, { relative });
  const absolute = typeof to === "string" && ABSOLUTE_URL.test(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to, { replace, state, target, relative, preventScrollReset, viewTransition, useTransitions });
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) navigate(event);
  };
  return (
    <a {...rest} ref={ref} href={absolute ? (to as string) : href} target={target} onClick={absolute || reloadDocument ? onClick : click} />
  );
});

export const NavLink = forwardRef<HTMLAnchorElement, NavLinkProps>(function NavLink(
  { "aria-current": current = "page", caseSensitive = false, className = "", end = false, style, children, ...rest },
  ref,
) {
  const { navigator } = useContext(NavigationContext);
  const path = useResolvedPath(rest.to, { relative: rest.relative });
  let here = useLocation().pathname;
  let there = navigator.encodeLocation ? navigator.encodeLocation(path).pathname : path.pathname;
  if (!caseSensitive) {
    here = here.toLowerCase();
    there = there.toLowerCase();
  }
  // "/groups" is active on "/groups" and "/groups/…" (unless `end`), never on "/groupsx".
  const boundary = there !== "/" && there.endsWith("/") ? there.length - 1 : there.length;
  const isActive = here === there || (!end && here.startsWith(there) && here.charAt(boundary) === "/");
  // No data router here, so a link is never pending or transitioning.
  const props = { isActive, isPending: false, isTransitioning: false };
  return (
    <Link
      {...rest}
      ref={ref}
      aria-current={isActive ? current : undefined}
      className={typeof className === "function" ? className(props) : [className, isActive ? "active" : ""].filter(Boolean).join(" ")}
      style={typeof style === "function" ? style(props) : style}
    >
      {typeof children === "function" ? children(props) : children}
    </Link>
  );
});
