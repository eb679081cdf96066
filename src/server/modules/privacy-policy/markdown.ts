/**
 * Markdown → HTML for the privacy policy, on the server only (design.md §7.12). Two lines of
 * defence: markdown-it with raw HTML off (a `<script>` typed into the text stays text, and it
 * refuses javascript:/vbscript:/data: links), then sanitize-html with a small allowlist of the
 * elements Markdown makes, so nothing that slipped through can run or load from elsewhere.
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Images would load from elsewhere (and the CSP allows only our own): written as text instead.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable("image");
// The page around the text has its own h1: the text's headings go one level down (# → h2).
markdown.core.ruler.push("shift_headings", (state) => {
  for (const token of state.tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  }
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "s", "code", "pre", "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["https", "http", "mailto"],
  allowProtocolRelative: false,
  // Links leave the app in a new context that cannot reach back into it.
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }) },
  disallowedTagsMode: "escape",
};

/** The policy's Markdown as sanitised HTML. */
export function renderPolicyMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}
