/**
 * The notification e-mails, in the recipient's language: plain text and simple escaped HTML.
 *
 * An e-mail leaves the organisation's control, so it says only who acted (when the recipient may
 * know them), what kind of thing happened, where, and the link — never a loop's or a comment's
 * text, and no time of day. A loop or comment without an actor is written as "Someone
 * (anonymous)": that is how an anonymous loop's sender reaches these functions, and nothing else
 * about them does.
 * Leader-written titles (a task, post, survey or check-in prompt) are shown: they went to the
 * whole group and say what the link is about.
 */
import type { MailMessage } from "../../mail/mailer.js";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../../shared/schemas/notifications.js";

type Lang = "en" | "sv";

/** One notification, as an e-mail tells it. */
export interface MailItem {
  kind: NotificationKind;
  /** The actor's name when the recipient may know them; null for anonymous senders and the system. */
  actorName: string | null;
  groupName: string | null;
  organisationName: string;
  title: string | null;
  /** The web app's path it leads to (the feed's own link: presenters.feedLink). */
  path: string;
}

export interface MailRecipient {
  email: string;
  name: string;
  language: Lang;
}

/** The links an e-mail's footer and headers carry (built by unsubscribe.ts). */
export interface UnsubscribeLinks {
  /** One-click POST target for the List-Unsubscribe header (RFC 8058). */
  header: string;
  /** The page where a person confirms turning a kind off, per kind in the e-mail. */
  pages: Partial<Record<NotificationKind, string>>;
  /** All notification settings (needs signing in). */
  settings: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** Names and titles on one line (a subject line must not break), and not endless. */
const oneLine = (s: string, max = 120) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

type Sentence = (actor: string | null, where: string | null) => string;

const EN: Record<NotificationKind, Sentence> = {
  loop_created: (a, w) => `${a ?? "Someone (anonymous)"} sent a loop${w ? ` in ${w}` : ""}`,
  comment_created: (a, w) => `${a ?? "Someone (anonymous)"} commented on a loop${w ? ` in ${w}` : ""}`,
  loop_approved: (a, w) => (a ? `${a} approved your report${w ? ` in ${w}` : ""}` : `Your report${w ? ` in ${w}` : ""} was approved`),
  task_published: (a, w) => (a ? `${a} published a task${w ? ` in ${w}` : ""}` : `A new task${w ? ` in ${w}` : ""}`),
  post_published: (a, w) => (a ? `${a} posted information${w ? ` in ${w}` : ""}` : `New information${w ? ` in ${w}` : ""}`),
  survey_opened: (a, w) => (a ? `${a} opened a survey${w ? ` in ${w}` : ""}` : `A survey opened${w ? ` in ${w}` : ""}`),
  checkin_opened: (_a, w) => `Time for the check-in${w ? ` in ${w}` : ""}`,
  invitation_received: (a, w) => (a ? `${a} invited you${w ? ` to ${w}` : ""}` : `You are invited${w ? ` to ${w}` : ""}`),
  group_creator_granted: (a, w) => (a ? `${a} lets you create groups${w ? ` in ${w}` : ""}` : `You may now create groups${w ? ` in ${w}` : ""}`),
  retention_warning: (_a, w) => `Data${w ? ` in ${w}` : ""} will be removed soon`,
  safeguarding_flagged: (a, w) => `${a ?? "A leader"} flagged a loop${w ? ` in ${w}` : ""} that may need reporting`,
  safeguarding_step: (a, w) => `${a ?? "A safeguarding contact"} recorded what was done about the loop you flagged${w ? ` in ${w}` : ""}`,
  export_ready: () => "Your data export is ready to download",
};

const SV: Record<NotificationKind, Sentence> = {
  loop_created: (a, w) => `${a ?? "Någon (anonym)"} skickade en loop${w ? ` i ${w}` : ""}`,
  comment_created: (a, w) => `${a ?? "Någon (anonym)"} kommenterade en loop${w ? ` i ${w}` : ""}`,
  loop_approved: (a, w) => (a ? `${a} godkände din rapport${w ? ` i ${w}` : ""}` : `Din rapport${w ? ` i ${w}` : ""} är godkänd`),
  task_published: (a, w) => (a ? `${a} publicerade en uppgift${w ? ` i ${w}` : ""}` : `En ny uppgift${w ? ` i ${w}` : ""}`),
  post_published: (a, w) => (a ? `${a} lade ut information${w ? ` i ${w}` : ""}` : `Ny information${w ? ` i ${w}` : ""}`),
  survey_opened: (a, w) => (a ? `${a} öppnade en enkät${w ? ` i ${w}` : ""}` : `En enkät har öppnat${w ? ` i ${w}` : ""}`),
  checkin_opened: (_a, w) => `Dags för avstämningen${w ? ` i ${w}` : ""}`,
  invitation_received: (a, w) => (a ? `${a} bjöd in dig${w ? ` till ${w}` : ""}` : `Du är inbjuden${w ? ` till ${w}` : ""}`),
  group_creator_granted: (a, w) => (a ? `${a} låter dig skapa grupper${w ? ` i ${w}` : ""}` : `Du kan nu skapa grupper${w ? ` i ${w}` : ""}`),
  retention_warning: (_a, w) => `Data${w ? ` i ${w}` : ""} tas snart bort`,
  safeguarding_flagged: (a, w) => `${a ?? "En ledare"} flaggade en loop${w ? ` i ${w}` : ""} som kan behöva anmälas`,
  safeguarding_step: (a, w) => `${a ?? "En kontaktperson"} har noterat vad som gjorts med loopen du flaggade${w ? ` i ${w}` : ""}`,
  export_ready: () => "Din export kan laddas ner",
};

const T = {
  en: {
    sentence: EN,
    hello: (name: string) => `Hello ${name},`,
    open: "Open in Openloop",
    quote: (title: string) => `“${title}”`,
    about: {
      loop_created: "new loops in your groups",
      comment_created: "new comments",
      loop_approved: "approved reports",
      task_published: "new tasks",
      post_published: "information posts",
      survey_opened: "surveys",
      checkin_opened: "check-ins",
      invitation_received: "invitations",
      group_creator_granted: "permission to create groups",
      retention_warning: "data that will soon be removed",
      safeguarding_flagged: "loops flagged for safeguarding",
      safeguarding_step: "what was done about loops you flagged",
      export_ready: "data exports",
    } satisfies Record<NotificationKind, string>,
    why: (about: string) => `You get this e-mail because e-mails about ${about} are on in your notification settings.`,
    stop: (about: string) => `Stop e-mails about ${about}`,
    settings: "All notification settings",
    digestSubject: (org: string, n: number) => `Openloop: ${n === 1 ? "1 new notification" : `${n} new notifications`} in ${org}`,
    digestIntro: (org: string) => `Here is what is new in ${org} since your last summary.`,
    digestWhy: "You get this summary once a day because of your notification settings.",
    digestStop: "Stop e-mails about:",
  },
  sv: {
    sentence: SV,
    hello: (name: string) => `Hej ${name}!`,
    open: "Öppna i Openloop",
    quote: (title: string) => `”${title}”`,
    about: {
      loop_created: "nya loopar i dina grupper",
      comment_created: "nya kommentarer",
      loop_approved: "godkända rapporter",
      task_published: "nya uppgifter",
      post_published: "informationsinlägg",
      survey_opened: "enkäter",
      checkin_opened: "avstämningar",
      invitation_received: "inbjudningar",
      group_creator_granted: "rätt att skapa grupper",
      retention_warning: "data som snart tas bort",
      safeguarding_flagged: "loopar flaggade för anmälan",
      safeguarding_step: "vad som gjorts med loopar du flaggat",
      export_ready: "dataexporter",
    } satisfies Record<NotificationKind, string>,
    why: (about: string) => `Du får det här mejlet eftersom mejl om ${about} är på i dina inställningar för notiser.`,
    stop: (about: string) => `Stoppa mejl om ${about}`,
    settings: "Alla inställningar för notiser",
    digestSubject: (org: string, n: number) => `Openloop: ${n === 1 ? "1 ny notis" : `${n} nya notiser`} i ${org}`,
    digestIntro: (org: string) => `Här är det som är nytt i ${org} sedan din förra sammanfattning.`,
    digestWhy: "Du får den här sammanfattningen en gång om dagen enligt dina inställningar för notiser.",
    digestStop: "Stoppa mejl om:",
  },
} satisfies Record<Lang, unknown>;

/** "Anna commented on a loop in 7B: “Week 1”" — `where` is left out when a heading already says it. */
function describe(lang: Lang, item: MailItem, withPlace: boolean): string {
  const t = T[lang];
  const place = item.groupName ? `${oneLine(item.groupName)} (${oneLine(item.organisationName)})` : oneLine(item.organisationName);
  const sentence = t.sentence[item.kind](item.actorName === null ? null : oneLine(item.actorName), withPlace ? place : null);
  return item.title ? `${sentence}: ${t.quote(oneLine(item.title))}` : sentence;
}

function headers(links: UnsubscribeLinks): Record<string, string> {
  return { "List-Unsubscribe": `<${links.header}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;

/** The e-mail for one notification the recipient wants at once. */
export function immediateEmail(to: MailRecipient, item: MailItem, publicUrl: string, links: UnsubscribeLinks): MailMessage {
  const t = T[to.language];
  const subject = describe(to.language, item, true);
  const url = publicUrl + item.path;
  const about = t.about[item.kind];
  const stopUrl = links.pages[item.kind] ?? links.settings;
  const text = [t.hello(oneLine(to.name)), "", `${subject}.`, "", `${t.open}: ${url}`, "", "--", t.why(about), `${t.stop(about)}: ${stopUrl}`, `${t.settings}: ${links.settings}`, "", "— Openloop"].join("\n");
  const html = [
    `<p>${escapeHtml(t.hello(oneLine(to.name)))}</p>`,
    `<p>${escapeHtml(subject)}.</p>`,
    `<p>${link(url, t.open)}</p>`,
    "<hr>",
    `<p><small>${escapeHtml(t.why(about))}<br>${link(stopUrl, t.stop(about))} · ${link(links.settings, t.settings)}</small></p>`,
    "<p>— Openloop</p>",
  ].join("\n");
  return { to: to.email, subject, text, html, headers: headers(links) };
}

/**
 * The daily digest of one organisation: every item under its group's heading (items of no group
 * under the organisation's), then one unsubscribe link per kind it contains and the settings.
 */
export function digestEmail(to: MailRecipient, organisationName: string, items: readonly MailItem[], publicUrl: string, links: UnsubscribeLinks): MailMessage {
  const t = T[to.language];
  const org = oneLine(organisationName);
  const sections = new Map<string, MailItem[]>();
  for (const item of items) {
    const heading = item.groupName ? oneLine(item.groupName) : org;
    sections.set(heading, [...(sections.get(heading) ?? []), item]);
  }
  const kinds = NOTIFICATION_KINDS.filter((k) => items.some((i) => i.kind === k));
  const stops = kinds.map((k) => ({ label: t.about[k], url: links.pages[k] ?? links.settings }));

  const text: string[] = [t.hello(oneLine(to.name)), "", t.digestIntro(org), ""];
  const html: string[] = [`<p>${escapeHtml(t.hello(oneLine(to.name)))}</p>`, `<p>${escapeHtml(t.digestIntro(org))}</p>`];
  for (const [heading, list] of sections) {
    text.push(heading, ...list.map((i) => `- ${describe(to.language, i, false)}: ${publicUrl}${i.path}`), "");
    html.push(`<h2>${escapeHtml(heading)}</h2>`, "<ul>", ...list.map((i) => `<li>${link(publicUrl + i.path, describe(to.language, i, false))}</li>`), "</ul>");
  }
  text.push("--", t.digestWhy, t.digestStop, ...stops.map((s) => `- ${s.label}: ${s.url}`), `${t.settings}: ${links.settings}`, "", "— Openloop");
  html.push(
    "<hr>",
    `<p><small>${escapeHtml(t.digestWhy)} ${escapeHtml(t.digestStop)}</small></p>`,
    `<ul>${stops.map((s) => `<li><small>${link(s.url, s.label)}</small></li>`).join("")}</ul>`,
    `<p><small>${link(links.settings, t.settings)}</small></p>`,
    "<p>— Openloop</p>",
  );
  return { to: to.email, subject: t.digestSubject(org, items.length), text: text.join("\n"), html: html.join("\n"), headers: headers(links) };
}
