/**
 * Request and response schemas of the accounts API. The server validates with them and builds
 * the OpenAPI document from them; the web app types its API client with them.
 */
import { z } from "zod";

/** Limits that both sides enforce (the server is the authority). */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
/** Profile pictures larger than this are refused with 413 before they are decoded. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;

export const LANGUAGES = ["en", "sv"] as const;
export const Language = z.enum(LANGUAGES).meta({ description: "Interface language: English or Swedish." });
export type Language = z.infer<typeof Language>;

export const Email = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH)
  .pipe(z.email())
  .meta({ description: "E-mail address; compared case-insensitively.", example: "ada@example.org" });

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .meta({ description: `Password: ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters, not a common password.` });

/** No control characters (NUL, escapes) in one-line text: PostgreSQL refuses NUL, screens garble the rest. */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;
/** Multi-line text may keep line breaks and tabs, nothing else from the control range. */
export const NO_CONTROL_CHARACTERS_MULTILINE = /^(?:\P{Cc}|[\n\r\t])*$/u;

export const PersonName = z
  .string()
  .trim()
  .min(1)
  .max(NAME_MAX_LENGTH)
  .regex(NO_CONTROL_CHARACTERS)
  .meta({ description: "Name shown to the people the user works with.", example: "Ada Lindqvist" });

/**
 * An ISO 8601 instant from a client, converted to the one form timestamps are stored and compared
 * in (toISOString: UTC with milliseconds), so comparisons agree on both databases.
 */
/**
 * An ISO 8601 instant, normalised to UTC. Its year must be 1–9999 once in UTC: a year 0 or one
 * past 9999 (e.g. 9999-12-31T23:00-02:00) is refused by PostgreSQL's timestamptz, and its
 * toISOString() form ("+010000-…") would sort wrongly among SQLite's text timestamps.
 */
export const Instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .refine((v) => /^(?!0000)\d{4}-/.test(v), { message: "Choose a date between the years 1 and 9999." });

export const Id = z.string().uuid().meta({ description: "Random identifier (UUIDv4)." });

/** What the signed-in user may do to their own account; the web app never re-derives this. */
export const UserAbilities = z.object({
  update: z.boolean(),
  manageInstance: z.boolean(),
  createOrganisation: z.boolean().meta({ description: "May create an organisation (ORG_CREATION decides)." }),
});

export const User = z
  .object({
    id: Id,
    name: z.string(),
    email: z.string(),
    language: Language,
    pictureUrl: z.string().nullable().meta({ description: "Own-origin URL of the profile picture, or null." }),
    isInstanceAdmin: z.boolean().meta({ description: "The first account of an instance administers it." }),
    createdAt: z.string().meta({ description: "ISO 8601, UTC." }),
    abilities: UserAbilities,
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

export const UserEnvelope = z.object({ user: User });

export const RegisterBody = z.object({
  /** Display name. */
  name: PersonName,
  /** Sign-in e-mail; must not be taken. */
  email: Email,
  /** New password. */
  password: Password,
  /** Interface language; defaults to the browser's. */
  language: Language.optional(),
  /** The privacy policy version the person read and accepted; required once one is published, and it must be the current one. */
  acceptedPolicyVersionId: Id.optional().meta({ description: "The id of the current privacy policy version (GET /privacy-policy), accepted by signing up." }),
});

export const SignInBody = z.object({
  email: Email,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH).meta({ description: "The account's password." }),
});

export const UpdateProfileBody = z
  .object({
    name: PersonName.optional(),
    language: Language.optional(),
  })
  .meta({ description: "Fields to change; omitted fields are kept." });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH).meta({ description: "The password in use now." }),
  newPassword: Password,
});

export const ChangeEmailBody = z.object({
  currentPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH)
    .optional()
    .meta({ description: "The password in use now; omitted by an account without one after a re-authentication at the provider (within 10 minutes)." }),
  newEmail: Email,
});

export const TokenBody = z.object({
  token: z.string().min(16).max(200).meta({ description: "The token from the e-mailed link." }),
});

export const PasswordResetRequestBody = z.object({ email: Email });

export const PasswordResetConfirmBody = z.object({
  token: z.string().min(16).max(200).meta({ description: "The token from the e-mailed link." }),
  password: Password,
});

export const Device = z.object({
  browser: z.string().nullable(),
  browserVersion: z.string().nullable(),
  os: z.string().nullable(),
  osVersion: z.string().nullable(),
  deviceType: z.string().nullable().meta({ description: "mobile, tablet or null for a desktop." }),
});

export const Session = z
  .object({
    id: Id,
    current: z.boolean().meta({ description: "True for the session making this request." }),
    device: Device,
    createdAt: z.string(),
    lastSeenAt: z.string(),
  })
  .meta({ id: "Session" });
export type Session = z.infer<typeof Session>;

export const SessionList = z.object({ sessions: z.array(Session) });

export const IdParams = z.object({ id: Id });

export const Accepted = z.object({ ok: z.literal(true) });
