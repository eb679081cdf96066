import { describe, expect, it } from "vitest";
import { figure, tagAtoms, weekAtoms, weekPart, type AnonymousEmojiCell, type AnonymousTagCell } from "./suppression.js";

const W1 = "2026-09-07";
const W2 = "2026-09-14";
const cell = (week: string, emoji: number, senderId: string, loops = 1, comments = 0): AnonymousEmojiCell => ({ week, emoji, senderId, loops, comments });
/** `n` senders s1…sn each with one anonymous loop of the emoji in the week. */
const senders = (week: string, emoji: number, n: number, prefix = "s") => Array.from({ length: n }, (_, i) => cell(week, emoji, `${prefix}${i + 1}`));
const shownEmoji = (atoms: ReturnType<typeof weekAtoms>, week: string) => atoms.get(week)!.emoji.map((e) => (e.value === 0 ? "-" : e.shown ? e.value : "hidden"));

describe("figures", () => {
  it("should add the shown parts to the named count and say withheld when a hidden part counts loops", () => {
    expect(figure(3)).toEqual({ value: 3, withheld: false });
    expect(figure(3, [{ value: 5, shown: true }, { value: 0, shown: false }])).toEqual({ value: 8, withheld: false });
    expect(figure(3, [{ value: 5, shown: true }, { value: 2, shown: false }])).toEqual({ value: 8, withheld: true });
    expect(figure(0, [{ value: 1, shown: false }])).toEqual({ value: 0, withheld: true });
  });
});

describe("week atoms", () => {
  it("should hide one anonymous sender alone in a week, with every emoji of it", () => {
    const atoms = weekAtoms([cell(W1, 2, "alone", 3, 4)], 5);
    expect(atoms.get(W1)).toMatchObject({ loops: { value: 3, shown: false }, comments: { value: 4, shown: false }, shown: false });
    expect(atoms.get(W1)!.emoji[1]).toEqual({ value: 3, shown: false });
    expect(figure(7, [atoms.get(W1)!.loops])).toEqual({ value: 7, withheld: true });
  });

  it("should show a week of k distinct senders and hide one of k-1, whatever their number of loops", () => {
    const k = 5;
    const four = weekAtoms([...senders(W1, 4, 4), cell(W1, 4, "s1", 6)], k);
    expect(four.get(W1)).toMatchObject({ loops: { value: 10 }, shown: false });
    const five = weekAtoms(senders(W1, 4, 5), k);
    expect(five.get(W1)).toMatchObject({ loops: { value: 5 }, shown: true });
    expect(shownEmoji(five, W1)).toEqual(["-", "-", "-", 5, "-"]);
  });

  it("should count a person once per week however many emoji they used", () => {
    const atoms = weekAtoms([cell(W1, 1, "a"), cell(W1, 2, "a"), cell(W1, 3, "a"), cell(W1, 4, "b"), cell(W1, 5, "c")], 3);
    expect(atoms.get(W1)!.shown).toBe(true);
    const one = weekAtoms([cell(W1, 1, "a"), cell(W1, 2, "a"), cell(W1, 3, "a"), cell(W1, 4, "b")], 3);
    expect(one.get(W1)!.shown).toBe(false);
  });

  it("should not count the reader's own anonymous loops towards k, in the week, its emoji and its tags", () => {
    // The reader and two others: three senders, but the reader could take their own loop away.
    const cells = [cell(W1, 2, "reader"), cell(W1, 2, "a"), cell(W1, 5, "b")];
    expect(weekAtoms(cells, 3).get(W1)!.shown).toBe(true);
    const mine = weekAtoms(cells, 3, { readerId: "reader" });
    expect(mine.get(W1)).toMatchObject({ shown: false, loops: { value: 3, shown: false } });
    // With a third other person the week is shown, the reader's loop counted in its values.
    const four = weekAtoms([...cells, cell(W1, 2, "c")], 3, { readerId: "reader" });
    expect(four.get(W1)).toMatchObject({ shown: true, loops: { value: 4, shown: true } });
    // Emoji 2 (the reader, a, c) has two others: hidden, with emoji 5 (b) to cover k others.
    expect(shownEmoji(four, W1)).toEqual(["-", "hidden", "-", "-", "hidden"]);
    const tagCells: AnonymousTagCell[] = ["reader", "a", "b", "c"].map((senderId) => ({ week: W1, tagId: "t", senderId, loops: 1 }));
    expect(tagAtoms(tagCells, four, 3, { readerId: "reader" }).get("t")!.get(W1)).toEqual({ value: 4, shown: true });
    expect(tagAtoms(tagCells.slice(0, 3), four, 3, { readerId: "reader" }).get("t")!.get(W1)).toEqual({ value: 3, shown: false });
    expect(tagAtoms(tagCells.slice(0, 3), four, 3).get("t")!.get(W1)).toEqual({ value: 3, shown: true });
  });

  it("should keep the weeks apart: a sender in two weeks counts in each, not towards the other's k", () => {
    const atoms = weekAtoms([...senders(W1, 3, 3), cell(W2, 3, "s1")], 3);
    expect(atoms.get(W1)!.shown).toBe(true);
    expect(atoms.get(W2)!.shown).toBe(false);
  });
});

describe("complementary suppression of the emoji", () => {
  it("should never leave exactly one hidden emoji atom under a shown week: the week minus the shown emoji would reveal it", () => {
    // Five senders chose emoji 4, one alone chose emoji 1.
    const atoms = weekAtoms([...senders(W1, 4, 5), cell(W1, 1, "alone")], 5);
    const week = atoms.get(W1)!;
    expect(week).toMatchObject({ loops: { value: 6 }, shown: true });
    expect(shownEmoji(atoms, W1)).toEqual(["hidden", "-", "-", "hidden", "-"]);
    const shownSum = week.emoji.filter((e) => e.shown).reduce((n, e) => n + e.value, 0);
    // The week's total minus what is shown is the hidden sum, which covers all six senders.
    expect(week.loops.value - shownSum).toBe(6);
  });

  it("should hide the smallest shown emoji first, ties by emoji, until the hidden ones cover k senders", () => {
    // emoji 1: one sender; emoji 2: 6 senders; emoji 3: 5 senders; emoji 5: 5 senders with 2 loops each.
    const cells = [cell(W1, 1, "x"), ...senders(W1, 2, 6, "b"), ...senders(W1, 3, 5, "c"), ...senders(W1, 5, 5, "e").map((c) => ({ ...c, loops: 2 }))];
    const atoms = weekAtoms(cells, 5);
    // Smallest shown: emoji 3 (5 loops) before emoji 2 (6) and emoji 5 (10); x + five c-senders = 6 ≥ 5.
    expect(shownEmoji(atoms, W1)).toEqual(["hidden", 6, "hidden", "-", 10]);
    const tie = weekAtoms([cell(W1, 1, "x"), ...senders(W1, 2, 5, "b"), ...senders(W1, 3, 5, "c")], 5);
    expect(shownEmoji(tie, W1)).toEqual(["hidden", "hidden", 5, "-", "-"]);
  });

  it("should count the hidden atoms' senders as people, not as atoms: two hidden atoms of the same sender are still one", () => {
    // The same person alone at emoji 1 and 2; four others at emoji 5 and one more at emoji 4.
    const cells = [cell(W1, 1, "p"), cell(W1, 2, "p"), ...senders(W1, 5, 4), cell(W1, 4, "q")];
    const atoms = weekAtoms(cells, 3);
    expect(atoms.get(W1)!.shown).toBe(true);
    // Hidden: 1, 2 (p) and 4 (q) → 2 people < 3: emoji 5 goes too.
    expect(shownEmoji(atoms, W1)).toEqual(["hidden", "hidden", "-", "hidden", "hidden"]);
  });

  it("should hide everything under a hidden week, tags included", () => {
    const atoms = weekAtoms([...senders(W1, 3, 2), cell(W1, 5, "s3")], 5);
    expect(atoms.get(W1)!.shown).toBe(false);
    expect(atoms.get(W1)!.emoji.filter((e) => e.value > 0).every((e) => !e.shown)).toBe(true);
    // Even a tag that all of them used (and a k of 3 for tags alone) stays hidden under the week.
    const tags: AnonymousTagCell[] = ["s1", "s2", "s3"].map((s) => ({ week: W1, tagId: "t", senderId: s, loops: 1 }));
    expect(tagAtoms(tags, weekAtoms([...senders(W1, 3, 2), cell(W1, 5, "s3")], 5), 3).get("t")!.get(W1)).toEqual({ value: 3, shown: false });
  });
});

describe("tag atoms", () => {
  const week = weekAtoms(senders(W1, 4, 6), 5);
  const tag = (tagId: string, senderId: string, loops = 1): AnonymousTagCell => ({ week: W1, tagId, senderId, loops });

  it("should show a tag of a shown week only when k distinct senders used it that week", () => {
    const atoms = tagAtoms([...["s1", "s2", "s3", "s4", "s5"].map((s) => tag("five", s)), ...["s1", "s2", "s3", "s4"].map((s) => tag("four", s, 2))], week, 5);
    expect(atoms.get("five")!.get(W1)).toEqual({ value: 5, shown: true });
    expect(atoms.get("four")!.get(W1)).toEqual({ value: 8, shown: false });
    expect(figure(2, atoms.get("four")!.values())).toEqual({ value: 2, withheld: true });
  });

  it("should decide each week's tag atom on its own", () => {
    const weeks = weekAtoms([...senders(W1, 4, 3), ...senders(W2, 4, 3)], 3);
    const atoms = tagAtoms([tag("t", "s1"), tag("t", "s2"), tag("t", "s3"), { week: W2, tagId: "t", senderId: "s1", loops: 1 }], weeks, 3);
    expect(atoms.get("t")!.get(W1)!.shown).toBe(true);
    expect(atoms.get("t")!.get(W2)!.shown).toBe(false);
    expect(figure(0, atoms.get("t")!.values())).toEqual({ value: 3, withheld: true });
  });
});

describe("organisation week parts", () => {
  it("should show a group's anonymous loops of a week only from k distinct senders", () => {
    expect(weekPart(W1, 9, 4, 5)).toEqual({ value: 9, shown: false });
    expect(weekPart(W1, 5, 5, 5)).toEqual({ value: 5, shown: true });
  });

  it("should show a week's anonymous loops only once the week is over", () => {
    expect(weekPart(W1, 5, 5, 5, { openWeek: W1 })).toEqual({ value: 5, shown: false });
    expect(weekPart(W1, 5, 5, 5, { openWeek: W2 })).toEqual({ value: 5, shown: true });
    const open = weekAtoms(senders(W2, 4, 5), 5, { openWeek: W2 });
    expect(open.get(W2)).toMatchObject({ shown: false, loops: { value: 5, shown: false } });
    expect(shownEmoji(open, W2)).toEqual(["-", "-", "-", "hidden", "-"]);
    const over = weekAtoms(senders(W2, 4, 5), 5, { openWeek: "2099-01-05" });
    expect(over.get(W2)!.shown).toBe(true);
    const tags = tagAtoms(["s1", "s2", "s3", "s4", "s5"].map((senderId) => ({ week: W2, tagId: "t", senderId, loops: 1 })), open, 5);
    expect(tags.get("t")!.get(W2)!.shown).toBe(false);
  });
});
