/**
 * What web/ gets when it imports "react-router" (vite.config.ts points the bare name here, in both
 * builds): the library itself, with our own <Link> and <NavLink> (lib/links.tsx) in place of its
 * framework-mode ones, so the bundle leaves out their prefetching. Import from "react-router" as
 * usual; this file and links.tsx are the only ones that reach the library directly.
 */
export * from "react-router";
export { Link, NavLink } from "./links";
