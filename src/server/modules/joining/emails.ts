/** The joining module's e-mails, in the recipient's language (the inviter's, when unknown). */
import type { MailMessage } from "../../mail/mailer.js";

type Lang = "en" | "sv";
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const ROLE = {
  en: { group_creator: "create groups", leader: "lead the group", tutor: "tutor the group", sender: "join the group" },
  sv: { group_creator: "skapa grupper", leader: "leda gruppen", tutor: "vara handledare i gruppen", sender: "gå med i gruppen" },
} as const;

/** An invitation: who invites, to what, and a link that works for a limited time. */
export function invitationEmail(input: {
  to: string;
  lang: Lang;
  inviterName: string;
  organisationName: string;
  groupName: string | null;
  purpose: keyof (typeof ROLE)["en"];
  url: string;
  days: number;
}): MailMessage {
  const { lang, inviterName, organisationName, groupName, purpose, url, days } = input;
  const where = groupName ? `${groupName} (${organisationName})` : organisationName;
  const subject = lang === "sv" ? `Inbjudan till Openloop: ${where}` : `Invitation to Openloop: ${where}`;
  const lines =
    lang === "sv"
      ? [
          `${inviterName} bjuder in dig att ${ROLE.sv[purpose]} i ${where} på Openloop.`,
          `Öppna länken för att tacka ja. Har du inget konto skapar du ett på vägen. Länken fungerar i ${days} dagar.`,
        ]
      : [
          `${inviterName} invites you to ${ROLE.en[purpose]} in ${where} on Openloop.`,
          `Open the link to accept. If you have no account, you create one on the way. The link works for ${days} days.`,
        ];
  const label = lang === "sv" ? "Tacka ja" : "Accept the invitation";
  return {
    to: input.to,
    subject,
    text: [...lines, "", `${label}: ${url}`, "", "— Openloop"].join("\n"),
    html: [...lines.map((l) => `<p>${esc(l)}</p>`), `<p><a href="${esc(url)}">${esc(label)}</a></p>`, "<p>— Openloop</p>"].join("\n"),
  };
}
