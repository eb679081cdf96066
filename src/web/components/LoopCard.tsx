/**
 * A loop in a list (the inbox, my loops): its face, task, who sent it (or "Anonymous"), group,
 * when, tags, the start of its text and what waits in it (files, comments, unread, approval).
 */
import { Link } from "react-router";
import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { BadgeCheck, EyeOff, MessageSquare, Paperclip } from "lucide-react";
import type { Loop } from "../../shared/schemas/loops.js";
import { currentLanguage } from "../i18n/index.js";
import { formatRelative, formattingLocale } from "../lib/format.js";
import { EmojiBadge } from "./EmojiScale.js";
import { LoopTagList } from "./LoopTags.js";

const EXCERPT_LENGTH = 180;

/** An instant as "5 minutes ago"; a date only (an anonymous loop seen by leaders) as a plain date. */
export function formatLoopTime(iso: string, language: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [year, month, day] = iso.split("-").map(Number);
    return new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(new Date(year!, month! - 1, day!));
  }
  return formatRelative(iso, language);
}

/** What a loop is about: its task, or "Free loop". */
export function loopTitle(t: TFunction, loop: Pick<Loop, "task">): string {
  return loop.task ? loop.task.title : t("loopCard.freeLoop");
}

/** Who sent it, as the viewer may know it. */
export function loopSender(t: TFunction, loop: Pick<Loop, "mine" | "sender">): string {
  if (loop.mine) return t("loopCard.you");
  return loop.sender ? loop.sender.name : t("loopCard.anonymous");
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH).trimEnd()}…` : flat;
}

/** The mark on my own anonymous loops. */
export function SentAnonymously() {
  const { t } = useTranslation();
  return (
    <span className="loop-fact">
      <EyeOff size={16} aria-hidden="true" />
      {t("loopCard.sentAnonymously")}
    </span>
  );
}

/** "Load more" under a list paged by cursor; it keeps focus while the next page loads. */
export function LoadMoreButton({ query, label }: { query: Pick<UseInfiniteQueryResult, "hasNextPage" | "isFetchingNextPage" | "fetchNextPage">; label: string }) {
  if (!query.hasNextPage) return null;
  const busy = query.isFetchingNextPage;
  return (
    <div>
      <button
        type="button"
        className={busy ? "button is-busy" : "button"}
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) void query.fetchNextPage();
        }}
      >
        {label}
      </button>
    </div>
  );
}

export function LoopCard({ loop, headingLevel = 2 }: { loop: Loop; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const language = formattingLocale(currentLanguage());
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const text = excerpt(loop.text);
  return (
    <li className={loop.unread ? "loop-card loop-card-unread" : "loop-card"}>
      <EmojiBadge level={loop.emoji} size={44} />
      <div className="loop-card-body">
        <Heading className="loop-card-title">
          <Link to={`/loops/${loop.id}`}>
            {loop.unread ? (
              <span className="loop-unread-dot" aria-hidden="true" />
            ) : null}
            {loopTitle(t, loop)}
            {loop.unread ? <span className="visually-hidden">, {t("loopCard.unread")}</span> : null}
          </Link>
        </Heading>
        <p className="loop-card-meta">
          <span className={loop.sender || loop.mine ? "loop-card-sender" : "loop-card-sender loop-card-anonymous"}>{loopSender(t, loop)}</span>
          <span aria-hidden="true"> · </span>
          <span>{loop.groupName}</span>
          <span aria-hidden="true"> · </span>
          <time dateTime={loop.sentAt}>{formatLoopTime(loop.sentAt, language)}</time>
        </p>
        <LoopTagList tags={loop.tags} />
        {text ? <p className="loop-card-excerpt">{text}</p> : null}
        <p className="loop-card-facts">
          {loop.unread ? (
            <span className="loop-fact loop-fact-unread" aria-hidden="true">
              {t("loopCard.unread")}
            </span>
          ) : null}
          {loop.mine && loop.anonymous ? <SentAnonymously /> : null}
          {loop.approval ? (
            <span className="loop-fact loop-fact-approved">
              <BadgeCheck size={16} aria-hidden="true" />
              {t("loopCard.approved")}
            </span>
          ) : loop.task && loop.mine ? (
            <span className="loop-fact">{t("loopCard.waitingForApproval")}</span>
          ) : null}
          <span className="loop-fact">
            <MessageSquare size={16} aria-hidden="true" />
            {t("loopCard.comments", { count: loop.commentCount })}
          </span>
          {loop.attachments.length > 0 ? (
            <span className="loop-fact">
              <Paperclip size={16} aria-hidden="true" />
              {t("loopCard.files", { count: loop.attachments.length })}
            </span>
          ) : null}
        </p>
      </div>
    </li>
  );
}
