/**
 * The e-mail about a significant change of the privacy policy, in the recipient's language. It is
 * a notice every user gets (the policy promises it), so it carries no unsubscribe link; it says
 * what changed and where to read the whole text and the earlier versions.
 */
import type { MailMessage } from "../../mail/mailer.js";
import { message } from "../accounts/emails.js";

type Lang = "en" | "sv";

const T = {
  en: {
    subject: "Openloop's privacy policy has changed",
    hello: (name: string) => `Hello ${name},`,
    intro: (date: string) => `We have made a significant change to the privacy policy of Openloop, published on ${date}.`,
    what: (summary: string) => `What changed: ${summary}`,
    next: "The next time you open Openloop, you will be asked to read and acknowledge the change before you continue. Earlier versions stay in the archive for you to compare.",
    link: "Read the new privacy policy",
  },
  sv: {
    subject: "Openloops integritetspolicy har ändrats",
    hello: (name: string) => `Hej ${name}!`,
    intro: (date: string) => `Vi har gjort en väsentlig ändring i Openloops integritetspolicy, publicerad ${date}.`,
    what: (summary: string) => `Det här har ändrats: ${summary}`,
    next: "Nästa gång du öppnar Openloop får du läsa och bekräfta ändringen innan du fortsätter. Tidigare versioner finns kvar i arkivet så att du kan jämföra.",
    link: "Läs den nya integritetspolicyn",
  },
} satisfies Record<Lang, unknown>;

/** One user's e-mail about a significant version. */
export function policyChangedEmail(
  to: { email: string; name: string; language: Lang },
  version: { id: string; publishedAt: string; summary: Record<Lang, string> },
  publicUrl: string,
): MailMessage {
  const t = T[to.language];
  const date = new Intl.DateTimeFormat(to.language === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(version.publishedAt));
  const summary = version.summary[to.language].replace(/\s+/g, " ").trim();
  return message(to.email, t.subject, t.hello(to.name), [t.intro(date), t.what(summary), t.next], {
    url: `${publicUrl}/privacy/versions/${version.id}`,
    label: t.link,
  });
}
