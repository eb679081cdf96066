/** The data-exports module's e-mail: the export is ready (in the recipient's language). */
import type { MailMessage } from "../../mail/mailer.js";
import { esc, formatInstant } from "./html.js";

export function exportReadyEmail(to: string, lang: "en" | "sv", url: string, expiresAt: string): MailMessage {
  const until = formatInstant(lang, expiresAt);
  const lines =
    lang === "sv"
      ? ["Din export från Openloop är klar.", `Logga in och ladda ner den före ${until}. Sedan raderas filen.`]
      : ["Your Openloop data export is ready.", `Sign in and download it before ${until}. After that the file is deleted.`];
  const label = lang === "sv" ? "Öppna mina exporter" : "Open my exports";
  return {
    to,
    subject: lang === "sv" ? "Din export är klar" : "Your data export is ready",
    text: [...lines, "", `${label}: ${url}`, "", "— Openloop"].join("\n"),
    html: [...lines.map((l) => `<p>${esc(l)}</p>`), `<p><a href="${esc(url)}">${esc(label)}</a></p>`, "<p>— Openloop</p>"].join("\n"),
  };
}
