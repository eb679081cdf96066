import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TaskInstructions } from "../components/TaskInstructions.js";
import { linkify, linkifyLine } from "./linkify.js";

const render = (text: string) => renderToStaticMarkup(createElement(TaskInstructions, { text }));

describe("linkify", () => {
  it("should split paragraphs at blank lines and keep single line breaks", () => {
    const paragraphs = linkify("First line\nsecond line\n\n\n  Next paragraph  \r\n\r\nLast");
    expect(paragraphs.map((lines) => lines.map((pieces) => pieces.map((piece) => piece.text).join("")))).toEqual([
      ["First line", "second line"],
      ["Next paragraph"],
      ["Last"],
    ]);
  });

  it("should turn http, https and www addresses into links, leaving sentence punctuation outside", () => {
    expect(linkifyLine("Read https://example.org/a?b=1, then (www.skolverket.se/x).")).toEqual([
      { kind: "text", text: "Read " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ", then (" },
      { kind: "link", text: "www.skolverket.se/x", href: "https://www.skolverket.se/x" },
      { kind: "text", text: ")." },
    ]);
    // Brackets that belong to the address stay in it.
    expect(linkifyLine("https://en.wikipedia.org/wiki/Loop_(music)")[0]).toMatchObject({ kind: "link", text: "https://en.wikipedia.org/wiki/Loop_(music)" });
  });

  it("should never make a link of other schemes", () => {
    expect(linkifyLine("javascript:alert(1) data:text/html,<b>x</b>")).toEqual([{ kind: "text", text: "javascript:alert(1) data:text/html,<b>x</b>" }]);
  });

  it("should render markup in the text as text, and links that open safely", () => {
    const html = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)> see https://example.org');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.org/" target="_blank" rel="noopener noreferrer">https://example.org</a>');
    expect(html.match(/<p>/g)).toHaveLength(2);
  });

  it("should render nothing for empty instructions", () => {
    expect(render("  \n\n ")).toBe("");
  });
});
