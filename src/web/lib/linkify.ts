/**
 * Plain text → paragraphs, lines and links, for instructions leaders write. Nothing in the text
 * is interpreted except web addresses: the pieces are rendered as React text and <a> elements,
 * never as HTML, so markup in the text stays visible text.
 */

export type TextPiece = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };
/** A paragraph is a list of lines; a line a list of pieces. */
export type Paragraph = TextPiece[][];

// http(s) addresses and bare www. addresses, up to whitespace or characters that never end one.
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the address ("see https://x.org.").
const TRAILING = /[.,;:!?'"»”’]+$/;

/** Drops trailing punctuation and a closing bracket that has no opening one in the address. */
function trimAddress(candidate: string): string {
  let address = candidate;
  for (;;) {
    const before = address;
    address = address.replace(TRAILING, "");
    for (const [open, close] of [["(", ")"], ["[", "]"]] as const) {
      if (address.endsWith(close) && address.split(open).length < address.split(close).length) address = address.slice(0, -1);
    }
    if (address === before) return address;
  }
}

/** Only http and https links: a javascript: or data: address never becomes a link. */
function safeHref(address: string): string | null {
  const withScheme = /^www\./i.test(address) ? `https://${address}` : address;
  try {
    const url = new URL(withScheme);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** One line of text as text and link pieces. */
export function linkifyLine(line: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  const push = (text: string) => {
    if (text === "") return;
    const last = pieces[pieces.length - 1];
    if (last?.kind === "text") last.text += text;
    else pieces.push({ kind: "text", text });
  };
  for (const match of line.matchAll(ADDRESS)) {
    const start = match.index;
    const address = trimAddress(match[0]);
    const href = safeHref(address);
    push(line.slice(at, start));
    if (href && address.length > 4) pieces.push({ kind: "link", text: address, href });
    else push(address);
    at = start + address.length;
  }
  push(line.slice(at));
  return pieces;
}

/** Paragraphs are separated by blank lines; single line breaks stay line breaks. */
export function linkify(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => paragraph.split("\n").map(linkifyLine));
}
