/** The accounts module's e-mails, in the recipient's language: plain text and simple HTML. */
import type { MailMessage } from "../../mail/mailer.js";

type Lang = "en" | "sv";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain e-mail: greeting, paragraphs and at most one link, as text and escaped HTML (other modules' service e-mails too). */
export function message(to: string, subject: string, greeting: string, paragraphs: string[], link?: { url: string; label: string }): MailMessage {
  const text = [greeting, "", ...paragraphs.flatMap((p) => [p, ""]), ...(link ? [`${link.label}: ${link.url}`, ""] : []), "— Openloop"].join("\n");
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : "",
    "<p>— Openloop</p>",
  ].join("\n");
  return { to, subject, text, html };
}

const T = {
  en: {
    hello: (name: string) => `Hello ${name},`,
    resetSubject: "Reset your Openloop password",
    resetBody: [
      "Someone (hopefully you) asked to reset the password of your Openloop account.",
      "The link works once and for one hour. If you did not ask for this, ignore this e-mail: your password stays as it is.",
    ],
    resetLink: "Choose a new password",
    confirmSubject: "Confirm your new e-mail address for Openloop",
    confirmBody: ["Confirm that this is the address you want to use to sign in to Openloop. The link works for 24 hours."],
    confirmLink: "Confirm this address",
    changedSubject: "Your Openloop e-mail address was changed",
    changedBody: (email: string) => [
      `Your account now signs in with ${email}.`,
      "If you did not make this change, reset your password at once and contact your school's or organisation's administrator.",
    ],
  },
  sv: {
    hello: (name: string) => `Hej ${name}!`,
    resetSubject: "Återställ ditt lösenord till Openloop",
    resetBody: [
      "Någon (förhoppningsvis du) bad om att återställa lösenordet till ditt Openloop-konto.",
      "Länken fungerar en gång och i en timme. Om du inte bad om detta kan du strunta i mejlet: ditt lösenord är oförändrat.",
    ],
    resetLink: "Välj ett nytt lösenord",
    confirmSubject: "Bekräfta din nya e-postadress för Openloop",
    confirmBody: ["Bekräfta att det är den här adressen du vill logga in på Openloop med. Länken fungerar i 24 timmar."],
    confirmLink: "Bekräfta adressen",
    changedSubject: "Din e-postadress i Openloop har ändrats",
    changedBody: (email: string) => [
      `Ditt konto loggar nu in med ${email}.`,
      "Om det inte var du som ändrade den: återställ ditt lösenord direkt och kontakta skolans eller organisationens administratör.",
    ],
  },
} satisfies Record<Lang, unknown>;

export const passwordResetEmail = (to: string, name: string, lang: Lang, url: string) =>
  message(to, T[lang].resetSubject, T[lang].hello(name), T[lang].resetBody, { url, label: T[lang].resetLink });

export const emailChangeConfirmation = (to: string, name: string, lang: Lang, url: string) =>
  message(to, T[lang].confirmSubject, T[lang].hello(name), T[lang].confirmBody, { url, label: T[lang].confirmLink });

export const emailChangedNotice = (to: string, name: string, lang: Lang, newEmail: string) =>
  message(to, T[lang].changedSubject, T[lang].hello(name), T[lang].changedBody(newEmail));
