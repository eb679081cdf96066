/**
 * docs/privacy.md maps every sentence of the privacy policy Openloop re-implements
 * (shared/seed/privacy-policy.txt, kept in docs/privacy-policy-source.txt) to what Openloop does
 * and to the tests that prove it. This keeps the map honest: every sentence is in it, and every
 * test it names exists (a renamed or deleted test breaks the build until the map follows).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const doc = fs.readFileSync(path.join(ROOT, "docs/privacy.md"), "utf8");
const policy = fs.readFileSync(path.join(ROOT, "docs/privacy-policy-source.txt"), "utf8");

/** The policy's sentences (list items and headings included), as the map quotes them. */
export function policySentences(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim().replace(/^•\s*/, ""))
    .filter(Boolean)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[A-Z“"(])/))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every `file › test name` the map cites. */
function citedTests(markdown: string): { file: string; name: string }[] {
  return [...markdown.matchAll(/`([^`\s]+\.test\.ts) › ([^`]+)`/g)].map((m) => ({ file: m[1]!, name: m[2]! }));
}

describe("docs/privacy.md", () => {
  it("quotes every sentence of the privacy policy", () => {
    const sentences = policySentences(policy);
    expect(sentences.length).toBeGreaterThan(60);
    expect(sentences.filter((s) => !doc.includes(s))).toEqual([]);
  });

  it("names only tests that exist, each in the file it names", () => {
    const cited = citedTests(doc);
    expect(cited.length).toBeGreaterThan(40);
    const missing = cited.filter(({ file, name }) => {
      const full = path.join(ROOT, file);
      return !fs.existsSync(full) || !fs.readFileSync(full, "utf8").includes(name);
    });
    expect(missing).toEqual([]);
  });
});
