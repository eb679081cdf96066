import { describe, expect, it } from "vitest";
import { translations } from "./index.js";

const { en, sv } = translations;

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const english = leaves(en);
  const swedish = leaves(sv);

  it("should have the same keys in Swedish and English", () => {
    expect([...swedish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("should use the same placeholders in both languages and leave no text empty", () => {
    for (const [key, text] of english) {
      const other = swedish.get(key) ?? "";
      expect(other.trim(), key).not.toBe("");
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });
});
