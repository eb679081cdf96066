/**
 * The readable summary of an export (index.html in the ZIP): one self-contained page in the
 * reader's language. Every text from the database goes through `esc`, and the page forbids
 * scripts itself (its own CSP), so a `<script>` in a loop's text is shown, never run.
 */
import type { Language } from "../../../shared/schemas/accounts.js";

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const LABELS = {
  en: {
    title: "My data in Openloop",
    groupTitle: "Group data",
    intro: "This archive holds the data Openloop keeps about you. The files in data/ are the same data, machine-readable (JSON).",
    groupIntro: "This archive holds the group's information. Anonymous loops are shown without their sender. The files in data/ are the same data, machine-readable.",
    memberIntro: "The member's data in this organisation, exported by an administrator on request.",
    created: "Made",
    profile: "Profile",
    name: "Name",
    email: "E-mail",
    language: "Language",
    accountCreated: "Account created",
    picture: "Profile picture",
    memberships: "Organisations and groups",
    admin: "administrator",
    groupCreator: "may create groups",
    loops: "Loops",
    noLoops: "No loops.",
    anonymous: "sent anonymously",
    edited: "edited",
    approved: "approved",
    task: "Task",
    tags: "Tags",
    files: "Files",
    comments: "Comments",
    myComments: "My comments on other people's loops",
    none: "None.",
    you: "You",
    deletedUser: "deleted user",
    anonymousSender: "the sender (anonymous)",
    tutor: "Tutor",
    surveys: "My survey answers",
    groupSurveys: "Surveys",
    hiddenResults: "Results hidden (anonymous survey: too few answers, or not yet closed).",
    respondents: "Respondents",
    sessions: "Sessions and devices",
    signInLinks: "Sign-in links (Google or another provider)",
    linked: "Linked",
    device: "Device",
    lastSeen: "Last active",
    consents: "Privacy policy acceptances",
    version: "Version",
    accepted: "Accepted",
    notificationPreferences: "Notification e-mails",
    crashReports: "Crash reports",
    crashOn: "sent automatically (you opted in)",
    crashOff: "not sent unless you approve each one",
    tasks: "Tasks",
    posts: "Information posts",
    sender: "Sender",
    emoji: ["very bad", "bad", "okay", "good", "very good"],
  },
  sv: {
    title: "Mina uppgifter i Openloop",
    groupTitle: "Gruppens uppgifter",
    intro: "Arkivet innehåller de uppgifter Openloop sparar om dig. Filerna i data/ är samma uppgifter i maskinläsbar form (JSON).",
    groupIntro: "Arkivet innehåller gruppens information. Anonyma loopar visas utan avsändare. Filerna i data/ är samma uppgifter i maskinläsbar form.",
    memberIntro: "Medlemmens uppgifter i denna organisation, exporterade av en administratör på begäran.",
    created: "Skapad",
    profile: "Profil",
    name: "Namn",
    email: "E-post",
    language: "Språk",
    accountCreated: "Kontot skapades",
    picture: "Profilbild",
    memberships: "Organisationer och grupper",
    admin: "administratör",
    groupCreator: "får skapa grupper",
    loops: "Loopar",
    noLoops: "Inga loopar.",
    anonymous: "skickad anonymt",
    edited: "ändrad",
    approved: "godkänd",
    task: "Uppgift",
    tags: "Taggar",
    files: "Filer",
    comments: "Kommentarer",
    myComments: "Mina kommentarer på andras loopar",
    none: "Inga.",
    you: "Du",
    deletedUser: "borttagen användare",
    anonymousSender: "avsändaren (anonym)",
    tutor: "Handledare",
    surveys: "Mina enkätsvar",
    groupSurveys: "Enkäter",
    hiddenResults: "Resultaten visas inte (anonym enkät: för få svar, eller ännu inte stängd).",
    respondents: "Svarande",
    sessions: "Inloggningar och enheter",
    signInLinks: "Kopplade inloggningar (Google eller annan leverantör)",
    linked: "Kopplad",
    device: "Enhet",
    lastSeen: "Senast aktiv",
    consents: "Godkända integritetspolicyer",
    version: "Version",
    accepted: "Godkänd",
    notificationPreferences: "E-postaviseringar",
    crashReports: "Kraschrapporter",
    crashOn: "skickas automatiskt (du har valt det)",
    crashOff: "skickas inte utan att du godkänner varje rapport",
    tasks: "Uppgifter",
    posts: "Informationsinlägg",
    sender: "Avsändare",
    emoji: ["mycket dåligt", "dåligt", "okej", "bra", "mycket bra"],
  },
} as const;

export type Labels = (typeof LABELS)[Language];

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
h1,h2,h3{line-height:1.2}article{border-top:1px solid #ccc;padding:.75rem 0}.meta{color:#4a4a4a;font-size:.9rem}
blockquote{margin:.5rem 0 .5rem 1rem;padding-left:.75rem;border-left:3px solid #999}p.text{white-space:pre-wrap}`;

/** The page's head and title, with a CSP that allows no script at all. */
export function pageStart(lang: Language, title: string, intro: string, made: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(intro)}</p><p class="meta">${esc(made)}</p>
`;
}

export const pageEnd = "</main></body></html>\n";

/** A definition list of label → value pairs (values escaped). */
export function facts(pairs: ReadonlyArray<readonly [string, string | null | undefined]>): string {
  const rows = pairs.filter(([, v]) => v !== null && v !== undefined && v !== "");
  return `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v!)}</dd>`).join("")}</dl>\n`;
}

/** A list of lines (escaped), or "none". */
export function list(items: readonly string[], l: Labels): string {
  return items.length === 0 ? `<p>${esc(l.none)}</p>\n` : `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>\n`;
}

/** A link to a file inside the archive (relative path; escaped). */
export const fileLink = (path: string, name: string) => `<a href="${esc(path)}">${esc(name)}</a>`;

/** One instant in the reader's language, UTC. */
export function formatInstant(lang: Language, iso: string, dayOnly = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", dayOnly ? { dateStyle: "long", timeZone: "UTC" } : { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(d) + (dayOnly ? "" : " UTC");
}
