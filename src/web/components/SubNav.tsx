/**
 * The sections of an organisation or a group, as a row of links (one per page, so each can be
 * bookmarked and the back button works). Only the sections the person may open are listed.
 */
import type { ReactNode } from "react";
import { NavLink } from "react-router";

export interface SubNavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Match the path exactly (the overview, whose path prefixes every other section). */
  end?: boolean;
}

export function SubNav({ label, items }: { label: string; items: readonly SubNavItem[] }) {
  if (items.length < 2) return null;
  return (
    <nav className="subnav" aria-label={label}>
      <ul className="subnav-list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="subnav-link">
              {item.icon}
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
