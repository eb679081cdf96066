/**
 * The anonymity rule of the statistics (shared/schemas/statistics.ts, design.md §7.4) as pure
 * functions over counts the database has already grouped. Anonymous loops count only through
 * atoms of one group and one week — the week atom, its emoji atoms and its tag atoms — and an atom
 * is shown only when its loops come from at least k distinct senders. Emoji atoms partition their
 * week, so hiding one of them alone would let "week minus the shown emoji" reveal it: the hidden
 * ones of a week must together cover k senders (complementary suppression). Every figure is the
 * named count plus the shown atoms, and says `withheld` when a hidden one belongs to it.
 *
 * The reader's own anonymous loops (a flat group's leader sends too) count in the values but never
 * towards k: the reader knows them and could take them away, leaving k − 1 others.
 */
import type { Figure } from "../../../shared/schemas/statistics.js";

/** The emoji levels 1 … 5, stored at index 0 … 4. */
export const EMOJI_LEVELS = 5;

/** Anonymous loops of one group, week and emoji from one sender. */
export interface AnonymousEmojiCell {
  week: string;
  emoji: number;
  senderId: string;
  loops: number;
  comments: number;
}

/** Anonymous loops of one group and week from one sender carrying one tag. */
export interface AnonymousTagCell {
  week: string;
  tagId: string;
  senderId: string;
  loops: number;
}

/** A part of a figure: a count and whether it may be shown. */
export interface Part {
  value: number;
  shown: boolean;
}

/** The anonymous loops of one group and week. */
export interface WeekAtom {
  week: string;
  shown: boolean;
  loops: Part;
  /** Comments on the week's anonymous loops: they count with their loops. */
  comments: Part;
  /** Index 0 … 4 for the emoji 1 … 5; an emoji without anonymous loops is an empty part, shown. */
  emoji: Part[];
}

/** Atoms of the anonymous loops of one group and week of a whole group: week atoms by their Monday. */
export type WeekAtoms = Map<string, WeekAtom>;
/** Tag atoms by tag, then by week. */
export type TagAtoms = Map<string, Map<string, Part>>;

/** The figure of `named` loops plus the parts that may be shown; withheld when a hidden part counts something. */
export function figure(named: number, parts: Iterable<Part> = []): Figure {
  let value = named;
  let withheld = false;
  for (const p of parts) {
    if (p.shown) value += p.value;
    else if (p.value > 0) withheld = true;
  }
  return { value, withheld };
}

/**
 * Who reads, and when: the reader's own anonymous loops do not count towards k, and a week's
 * anonymous loops count only once the week is over (`openWeek`: the Monday of the organisation's
 * current week, when the period reaches it). A week still open could otherwise be read again after
 * each new anonymous loop, and the moment it turned from hidden to shown would tell whether that
 * loop came from someone new.
 */
export interface Reading {
  readerId?: string | undefined;
  openWeek?: string | undefined;
}

/** Whether an atom of `week` from `senders` distinct people may be shown. */
const mayShow = (week: string, senders: number, k: number, reading: Reading) => senders >= k && (reading.openWeek === undefined || week < reading.openWeek);

/** Week atoms with their emoji atoms, from the anonymous loops grouped by week, emoji and sender, as `reading` sees them. */
export function weekAtoms(cells: Iterable<AnonymousEmojiCell>, k: number, reading: Reading = {}): WeekAtoms {
  const { readerId } = reading;
  const grouped = new Map<string, { loops: number; comments: number; senders: Set<string>; emoji: { loops: number; senders: Set<string> }[] }>();
  for (const c of cells) {
    if (c.emoji < 1 || c.emoji > EMOJI_LEVELS || c.loops <= 0) continue;
    let w = grouped.get(c.week);
    if (!w) {
      w = { loops: 0, comments: 0, senders: new Set(), emoji: Array.from({ length: EMOJI_LEVELS }, () => ({ loops: 0, senders: new Set<string>() })) };
      grouped.set(c.week, w);
    }
    w.loops += c.loops;
    w.comments += c.comments;
    const e = w.emoji[c.emoji - 1]!;
    e.loops += c.loops;
    if (c.senderId === readerId) continue;
    w.senders.add(c.senderId);
    e.senders.add(c.senderId);
  }
  const atoms: WeekAtoms = new Map();
  for (const [week, w] of grouped) {
    const shown = mayShow(week, w.senders.size, k, reading);
    const emojiShown = shown ? complementaryShown(w.emoji, k) : w.emoji.map(() => false);
    atoms.set(week, {
      week,
      shown,
      loops: { value: w.loops, shown },
      comments: { value: w.comments, shown },
      emoji: w.emoji.map((e, i) => ({ value: e.loops, shown: e.loops === 0 || emojiShown[i]! })),
    });
  }
  return atoms;
}

/**
 * Which parts of a shown whole may be shown: those of at least k senders, unless the hidden ones
 * together come from fewer than k — then more are hidden, smallest first (ties by position),
 * until the hidden ones together cover k senders or all are hidden.
 */
function complementaryShown(parts: { loops: number; senders: Set<string> }[], k: number): boolean[] {
  const hidden = parts.map((p) => p.loops > 0 && p.senders.size < k);
  const hiddenSenders = () => new Set(parts.flatMap((p, i) => (hidden[i] ? [...p.senders] : []))).size;
  if (!hidden.some(Boolean)) return hidden.map(() => true);
  while (hiddenSenders() < k) {
    const next = parts
      .map((p, i) => ({ loops: p.loops, i }))
      .filter((p) => p.loops > 0 && !hidden[p.i])
      .sort((a, b) => a.loops - b.loops || a.i - b.i)[0];
    if (!next) break;
    hidden[next.i] = true;
  }
  return hidden.map((h) => !h);
}

/** Tag atoms, from the anonymous loops grouped by week, tag and sender: shown when their week is and they come from k senders besides the reader. */
export function tagAtoms(cells: Iterable<AnonymousTagCell>, weeks: WeekAtoms, k: number, reading: Reading = {}): TagAtoms {
  const { readerId } = reading;
  const grouped = new Map<string, Map<string, { loops: number; senders: Set<string> }>>();
  for (const c of cells) {
    if (c.loops <= 0) continue;
    let byWeek = grouped.get(c.tagId);
    if (!byWeek) grouped.set(c.tagId, (byWeek = new Map()));
    let atom = byWeek.get(c.week);
    if (!atom) byWeek.set(c.week, (atom = { loops: 0, senders: new Set() }));
    atom.loops += c.loops;
    if (c.senderId !== readerId) atom.senders.add(c.senderId);
  }
  const atoms: TagAtoms = new Map();
  for (const [tagId, byWeek] of grouped) {
    atoms.set(tagId, new Map([...byWeek].map(([week, a]) => [week, { value: a.loops, shown: weeks.get(week)?.shown === true && a.senders.size >= k }])));
  }
  return atoms;
}

/** An anonymous count of one group and week that only its distinct senders and the week decide (the organisation dashboard's atoms). */
export function weekPart(week: string, loops: number, senders: number, k: number, reading: Reading = {}): Part {
  return { value: loops, shown: mayShow(week, senders, k, reading) };
}
