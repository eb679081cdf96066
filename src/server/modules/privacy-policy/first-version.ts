/**
 * A first privacy policy for a self-hosted Openloop (the demo publishes it; an instance
 * administrator may start from it). Adapted from the policy Openloop's promises come from, for an
 * instance the organisation runs itself: the organisation is the data controller and decides where
 * the servers are.
 */
import type { PublishPolicyBody } from "../../../shared/schemas/privacy-policy.js";

const EN = `# Openloop privacy policy

When you use Openloop, you trust the school, municipality or employer that runs it with your information. This policy explains what information is collected, why, who can see it and what rights you have.

## Who is responsible

The **data controller** is the organisation that decided that you will use Openloop — for example your school, municipality or employer. This Openloop instance is run by that organisation (or by a supplier on its behalf). Questions about your information, corrections and requests go to the organisation's administrators or its data protection officer.

## What we collect

When you create an account we ask for your **name**, **e-mail address** and a **password** (stored only as a one-way hash). You may add a profile picture; it is re-encoded so that no location or camera data is kept. If your organisation allows signing in with Google, we use your name and picture from that account.

When you use Openloop, the following is kept with your account:

- the organisations and groups you belong to, and your role in them;
- completed tasks, the tags and emoticons you choose, and the free text you write;
- comments you write, and files and images you attach to your loops;
- survey answers, notification settings and the privacy policy versions you accepted;
- your sessions: when you signed in and the device's operating system and browser and their versions.

Crash reports are sent **only if you agree**: either once, when asked, or by turning them on in your settings (off from the start). A crash report contains the error, the app version, the page and your device's operating system — never your texts, e-mail address or passwords.

## Why

The purpose is to plan, clarify what is expected, and follow and support each person's learning or work — **not to grade it**. Loops are first of all a conversation between a teacher or leader and their students or co-workers, and may be one of several grounds for an overall picture of someone's learning or development.

## Who can see what

- Your loops are seen only by you and the teachers, leaders and tutors of the group you send them in. In a group where everyone is a peer, the group's members see each other's loops.
- A **free loop** can be sent **anonymously**. The teacher or leader can still answer it without learning who sent it. They may still recognise you from how you write or from a file or image that shows who you are.
- If something you write must be reported further (for example about abuse or risk to someone's safety), the rules of your school or organisation apply. Designated safeguarding contacts then see that loop and its conversation — for an anonymous loop still without your name.
- Statistics for teachers and administrators never show anonymous loops from fewer than five people.

## How long

Each group has a retention period, chosen by the organisation (3 months unless someone chooses otherwise), and a stated purpose, both shown on the group's page. Loops, comments, files, information posts and surveys older than that are erased automatically.

## Your rights

- **Access and portability:** download everything about you as a file from your profile.
- **Correction:** change your profile, loops, comments and survey answers yourself.
- **Erasure:** delete your account. Your loops, files and answers are erased; comments you wrote on other people's loops remain as from "deleted user" unless your organisation removes them.
- You may also contact the organisation, and you have the right to complain to the data protection authority (in Sweden, IMY).

## Security

Openloop is served over encrypted connections (HTTPS). Passwords are stored hashed; sessions end when you sign out, and signing out removes what the app stored on your device. Every access to another person's data by an administrator, export or safeguarding contact is written to an audit log that cannot be changed. The organisation decides where the servers and backups are kept.

## Changes to this policy

This policy may change from time to time. We will not reduce your rights under this policy without your explicit consent. Every change is published here; if a change is **significant**, you are asked to read and acknowledge it the next time you open Openloop, and you are told by e-mail. Every earlier version is kept in the archive for you to read.
`;

const SV = `# Integritetspolicy för Openloop

När du använder Openloop anförtror du skolan, kommunen eller arbetsgivaren som driver tjänsten dina uppgifter. Här förklaras vilka uppgifter som samlas in, varför, vem som kan se dem och vilka rättigheter du har.

## Vem som ansvarar

**Personuppgiftsansvarig** är den organisation som har beslutat att du ska använda Openloop – till exempel din skola, kommun eller arbetsgivare. Den här Openloop-instansen drivs av organisationen (eller av en leverantör för dess räkning). Frågor om dina uppgifter, rättelser och begäranden ställer du till organisationens administratörer eller dataskyddsombud.

## Vad vi samlar in

När du skapar ett konto frågar vi efter ditt **namn**, din **e-postadress** och ett **lösenord** (som bara sparas som en envägskod). Du kan lägga till en profilbild; den kodas om så att ingen plats- eller kamerainformation finns kvar. Om din organisation tillåter inloggning med Google använder vi namnet och bilden från det kontot.

När du använder Openloop sparas detta med ditt konto:

- de organisationer och grupper du tillhör och din roll i dem;
- genomförda uppgifter, de taggar och känsloikoner du väljer och den fritext du skriver;
- kommentarer du skriver och filer och bilder du bifogar dina loopar;
- enkätsvar, inställningar för notiser och vilka versioner av integritetspolicyn du har godkänt;
- dina inloggningar: när du loggade in och enhetens operativsystem och webbläsare med versioner.

Kraschrapporter skickas **bara om du samtycker**: en gång när du tillfrågas, eller genom att slå på dem i dina inställningar (avslaget från början). En kraschrapport innehåller felet, appens version, sidan och enhetens operativsystem – aldrig dina texter, din e-postadress eller lösenord.

## Varför

Syftet är att planera, tydliggöra vad som förväntas och följa och stötta varje persons lärande eller arbete – **inte att betygsätta det**. Looparna är först och främst ett samtal mellan lärare eller ledare och deras elever eller medarbetare, och kan vara ett av flera underlag för en helhetsbild av någons lärande eller utveckling.

## Vem som ser vad

- Dina loopar ses bara av dig och av lärarna, ledarna och handledarna i gruppen du skickar dem i. I en grupp där alla är jämlikar ser medlemmarna varandras loopar.
- En **fri loop** kan skickas **anonymt**. Läraren eller ledaren kan ändå svara utan att få veta vem som skickade den. De kan ändå känna igen dig på hur du skriver eller på en fil eller bild som visar vem du är.
- Om något du skriver måste rapporteras vidare (till exempel om kränkningar eller risk för någons säkerhet) gäller skolans eller organisationens regler. Utsedda kontaktpersoner ser då den loopen och samtalet – för en anonym loop fortfarande utan ditt namn.
- Statistik för lärare och administratörer visar aldrig anonyma loopar från färre än fem personer.

## Hur länge

Varje grupp har en lagringstid som organisationen väljer (3 månader om inget annat väljs) och ett angivet syfte, som båda visas på gruppens sida. Loopar, kommentarer, filer, informationsinlägg och enkäter som är äldre än så raderas automatiskt.

## Dina rättigheter

- **Tillgång och dataportabilitet:** ladda ner allt om dig som en fil från din profil.
- **Rättelse:** ändra själv din profil, dina loopar, kommentarer och enkätsvar.
- **Radering:** ta bort ditt konto. Dina loopar, filer och svar raderas; kommentarer du skrivit på andras loopar står kvar som från "borttagen användare" om inte organisationen tar bort dem.
- Du kan också kontakta organisationen, och du har rätt att klaga hos Integritetsskyddsmyndigheten (IMY).

## Säkerhet

Openloop nås över krypterade anslutningar (HTTPS). Lösenord sparas som envägskoder; inloggningen avslutas när du loggar ut, och utloggningen tar bort det appen har sparat på din enhet. Varje gång en administratör, en export eller en kontaktperson kommer åt någon annans uppgifter skrivs det i en logg som inte kan ändras. Organisationen bestämmer var servrar och säkerhetskopior finns.

## Ändringar i policyn

Den här policyn kan ändras ibland. Vi minskar inte dina rättigheter enligt policyn utan ditt uttryckliga samtycke. Varje ändring publiceras här; om en ändring är **väsentlig** får du läsa och bekräfta den nästa gång du öppnar Openloop, och du får veta det via e-post. Alla tidigare versioner finns kvar i arkivet så att du kan läsa dem.
`;

/** The first version: significant, since everything in it is new to everyone. */
export const FIRST_POLICY_VERSION: Required<PublishPolicyBody> = {
  significance: "significant",
  summary: {
    en: "The first privacy policy of this Openloop: what is collected, why, who sees it, how long it is kept and your rights.",
    sv: "Den första integritetspolicyn för den här Openloop: vad som samlas in, varför, vem som ser det, hur länge det sparas och dina rättigheter.",
  },
  body: { en: EN, sv: SV },
};
