/**
 * Request and response schemas of the privacy policy's versions (issue 7), shared by the server
 * and the web app. The text is Markdown in English and Swedish; the server renders it to
 * sanitised HTML, which is the only form the web app shows.
 */
import { z } from "zod";
import { Id, NO_CONTROL_CHARACTERS_MULTILINE } from "./accounts.js";

export const POLICY_SIGNIFICANCES = ["minor", "significant"] as const;
export const PolicySignificance = z
  .enum(POLICY_SIGNIFICANCES)
  .meta({ description: "minor: a dismissible banner. significant: every user must acknowledge it on their next visit, and everyone is e-mailed." });
export type PolicySignificance = z.infer<typeof PolicySignificance>;

export const POLICY_SUMMARY_MAX_LENGTH = 2_000;
export const POLICY_BODY_MAX_LENGTH = 100_000;

const Summary = z.string().trim().min(1).max(POLICY_SUMMARY_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);
const Markdown = z.string().trim().min(1).max(POLICY_BODY_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE);
const InBothLanguages = <S extends z.ZodType>(s: S) => z.object({ en: s, sv: s });

/** A new version of the privacy policy; once published it never changes. */
export const PublishPolicyBody = z.object({
  significance: PolicySignificance,
  summary: InBothLanguages(Summary).meta({ description: "What changed, in plain words (plain text, at most 2,000 characters per language)." }),
  body: InBothLanguages(Markdown).meta({ description: "The whole policy as Markdown (raw HTML is shown as text), per language." }),
});
export type PublishPolicyBody = z.input<typeof PublishPolicyBody>;

/** Markdown to render as a version would be (the admin's preview). */
export const PreviewPolicyBody = z.object({ markdown: z.string().max(POLICY_BODY_MAX_LENGTH).regex(NO_CONTROL_CHARACTERS_MULTILINE) });
export const PreviewPolicyResponse = z.object({ html: z.string().meta({ description: "Sanitised HTML." }) });

/** Names the version the user accepts (acknowledging, dismissing the banner): it must be the current one. */
export const PolicyVersionChoice = z.object({ versionId: Id.meta({ description: "The current version's id; an older one is refused (400)." }) });

export const PolicyVersionParams = z.object({ versionId: Id });

const Localised = z.object({ en: z.string(), sv: z.string() });

export const PolicyVersionListing = z
  .object({
    id: Id,
    number: z.number().int().meta({ description: "1 for the first version published, then 2, 3, …" }),
    significance: PolicySignificance,
    publishedAt: z.string().meta({ description: "ISO 8601, UTC." }),
    summary: Localised.meta({ description: "What changed (plain text)." }),
    isCurrent: z.boolean(),
  })
  .meta({ id: "PolicyVersionListing" });
export type PolicyVersionListing = z.infer<typeof PolicyVersionListing>;

export const PolicyVersion = PolicyVersionListing.extend({
  html: Localised.meta({ description: "The policy rendered from Markdown and sanitised on the server." }),
  markdown: Localised.meta({ description: "The Markdown it was written in (to start a new version from)." }),
}).meta({ id: "PolicyVersion" });
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const PolicyVersionEnvelope = z.object({ version: PolicyVersion });
export const CurrentPolicyEnvelope = z.object({ version: PolicyVersion.nullable().meta({ description: "Null until a first version is published." }) });
export const PolicyArchive = z.object({
  versions: z.array(PolicyVersionListing).meta({ description: "Every version ever published, newest first." }),
  abilities: z.object({ publish: z.boolean().meta({ description: "The viewer may publish a new version (instance administrators)." }) }),
});
export type PolicyArchive = z.infer<typeof PolicyArchive>;

/** The signed-in user's standing towards the policy: the web app shows exactly what this says. */
export const MyPolicyState = z
  .object({
    current: PolicyVersionListing.nullable(),
    acceptedVersionId: Id.nullable().meta({ description: "The newest version this user accepted (at sign-up or by acknowledging)." }),
    acceptedAt: z.string().nullable(),
    accepted: z.boolean().meta({ description: "The user has accepted the current version." }),
    mustAcknowledge: z.boolean().meta({ description: "A significant version was published since: the app shows nothing else until the user acknowledges it." }),
    banner: z.boolean().meta({ description: "Only minor versions since, and the current one's banner was not dismissed." }),
    changes: z.array(PolicyVersionListing).meta({ description: "The versions published since the one the user accepted, newest first." }),
  })
  .meta({ id: "MyPolicyState" });
export type MyPolicyState = z.infer<typeof MyPolicyState>;
export const MyPolicyEnvelope = z.object({ state: MyPolicyState });
