/**
 * What a crash report may carry, applied by the web app before it shows the report to the person
 * (so the dialog shows exactly what is sent) and again by the server before storing it (the
 * server is the authority: a client that skipped this gains nothing). No e-mail addresses, no
 * tokens, no query strings, no ids: a report is about the program, never about a person.
 */

/** Longest error message kept; a longer one is cut (messages rarely need more to be recognised). */
export const CRASH_MESSAGE_MAX_LENGTH = 500;
/** Longest stack kept: the first frames say where it broke. */
export const CRASH_STACK_MAX_LENGTH = 8000;
export const CRASH_ROUTE_MAX_LENGTH = 200;

const EMAIL = /[^\s@<>()"'`,;:[\]]+@[^\s@<>()"'`,;:[\]]+\.[A-Za-z]{2,}/g;
/** A query string or a fragment that carries values (`?token=…`, `#access_token=…`). */
const QUERY = /[?#][^\s'"`()<>]*=[^\s'"`()<>]*/g;
/** `password: …`, `token=…`, `Bearer …`: whatever follows a secret's name. */
const NAMED_SECRET = /\b(bearer\s+|(?:token|password|passwd|secret|session|cookie|authorization|api[_-]?key|code)\s*[=:]\s*)(?!\[)[^\s,;'"`)}\]]+/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/**
 * 24 or more characters of hex or base64(url): a token when it mixes letters and digits and holds
 * no word. Not across `/`, so a path of short names ("assets/index-B1c2D3e4") stays readable.
 */
const TOKEN_LIKE = /[A-Za-z0-9+_-]{24,}={0,2}/g;
const isToken = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s) && !/[a-z]{8,}/.test(s);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Removes e-mail addresses, tokens, secrets after their names, query strings and ids from a message or stack. */
export function scrubCrashText(text: string, maxLength: number): string {
  return text
    .replace(CONTROL, "")
    .replace(EMAIL, "[email]")
    .replace(QUERY, (m) => `${m[0]}[removed]`)
    .replace(NAMED_SECRET, (_m, name: string) => `${name}[removed]`)
    .replace(UUID, "[id]")
    .replace(TOKEN_LIKE, (m) => (isToken(m) ? "[token]" : m))
    .slice(0, maxLength);
}

/** A literal segment of a client route ("groups", "reset-password") or a parameter (":groupId"). */
const ROUTE_SEGMENT = /^(?::[A-Za-z]+|[a-z]+(?:-[a-z]+)*|\*)$/;

/**
 * A route as a pattern: no query or fragment, and every segment that is not a plain lower-case
 * word or a `:name` becomes `:id` (ids, join codes, anything typed).
 */
export function routePattern(path: string): string {
  const bare = path.split(/[?#]/)[0] ?? "";
  const segments = bare.split("/").filter(Boolean).slice(0, 12);
  return `/${segments.map((s) => (ROUTE_SEGMENT.test(s) && s.length <= 32 ? s : ":id")).join("/")}`.slice(0, CRASH_ROUTE_MAX_LENGTH);
}
