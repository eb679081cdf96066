/** The page's h1. After a client-side navigation it takes focus, so screen readers announce
 * the new page and keyboard users start from its top (the first page load keeps browser focus). */
import { useEffect, useRef, type ReactNode } from "react";

let initialPageShown = false;

export function PageHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (initialPageShown) ref.current?.focus({ preventScroll: false });
    initialPageShown = true;
  }, []);
  return (
    <div className="page-header">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead ? <p className="page-lead">{lead}</p> : null}
    </div>
  );
}
