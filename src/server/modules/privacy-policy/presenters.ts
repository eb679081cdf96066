/** The only place that shapes privacy policy output. */
import type { PolicyVersionRow } from "../../db/tables/privacy-policy.js";
import type { MyPolicyState, PolicyVersion, PolicyVersionListing } from "../../../shared/schemas/privacy-policy.js";
import { renderPolicyMarkdown } from "./markdown.js";
import type { PolicyVersionHead } from "./queries.js";

/** A version in a list; `heads` is every version, oldest first (its place gives the number). */
export function presentListing(head: PolicyVersionHead, heads: readonly PolicyVersionHead[]): PolicyVersionListing {
  return {
    id: head.id,
    number: heads.findIndex((h) => h.id === head.id) + 1,
    significance: head.significance,
    publishedAt: head.published_at,
    summary: { en: head.summary_en, sv: head.summary_sv },
    isCurrent: heads.at(-1)?.id === head.id,
  };
}

/**
 * Each version's HTML, by id. A published version never changes (the database refuses it), and
 * the policy pages are public and linked from every page: rendering up to 2 × 100,000 characters
 * of Markdown on every read would let anyone keep the server busy. An instance has tens of versions.
 */
const renderedVersions = new Map<string, PolicyVersion["html"]>();

function renderedVersion(row: PolicyVersionRow): PolicyVersion["html"] {
  let html = renderedVersions.get(row.id);
  if (!html) {
    html = { en: renderPolicyMarkdown(row.body_en), sv: renderPolicyMarkdown(row.body_sv) };
    renderedVersions.set(row.id, html);
  }
  return html;
}

/** A whole version: its Markdown rendered to sanitised HTML here (once), never in the browser. */
export function presentVersion(row: PolicyVersionRow, heads: readonly PolicyVersionHead[]): PolicyVersion {
  return {
    ...presentListing(row, heads),
    html: renderedVersion(row),
    markdown: { en: row.body_en, sv: row.body_sv },
  };
}

/** What the web app shows a user, decided here: the notice that must be acknowledged, a banner, or nothing. */
export function presentState(
  heads: readonly PolicyVersionHead[],
  acceptance: { version_id: string; accepted_at: string } | undefined,
  currentDismissed: boolean,
): MyPolicyState {
  const current = heads.at(-1);
  const acceptedIndex = acceptance ? heads.findIndex((h) => h.id === acceptance.version_id) : -1;
  // Everything published after the version the user accepted; all of it, if they never accepted one.
  const since = heads.slice(acceptedIndex + 1);
  const mustAcknowledge = since.some((v) => v.significance === "significant");
  return {
    current: current ? presentListing(current, heads) : null,
    acceptedVersionId: acceptance?.version_id ?? null,
    acceptedAt: acceptance?.accepted_at ?? null,
    accepted: current !== undefined && since.length === 0,
    mustAcknowledge,
    banner: !mustAcknowledge && since.length > 0 && !currentDismissed,
    changes: since.map((v) => presentListing(v, heads)).reverse(),
  };
}
