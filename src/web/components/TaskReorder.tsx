/**
 * Reordering a list of tasks or tags: "move up"/"move down" buttons (the keyboard and screen
 * reader way, which keep focus on the moved item and announce its new place) and, as a shortcut
 * for a mouse, dragging an item by its handle. The new order shows at once and is saved in the
 * background; a refused save brings the server's order back and says why.
 */
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, GripVertical } from "lucide-react";
import type { Feedback } from "../lib/useFeedback.js";

interface Item {
  id: string;
}

type Direction = "up" | "down";

export interface Reorder<T extends Item> {
  /** Moves an item of the shown list one place up (-1) or down (+1). */
  step: (item: T, delta: -1 | 1) => void;
  /** Props for a row: it accepts a dragged item. */
  rowProps: (item: T) => {
    onDragOver: (event: DragEvent) => void;
    onDragLeave: () => void;
    onDrop: (event: DragEvent) => void;
    "data-drop-target"?: true;
    "data-dragging"?: true;
  };
  /** Props for a row's drag handle. */
  handleProps: (item: T) => { draggable: true; onDragStart: (event: DragEvent) => void; onDragEnd: () => void };
}

/**
 * `shown` is the reorderable part of the cached list under `queryKey` (e.g. the tags that are not
 * archived); the rest keeps its order after it. `save` gets every id of the list.
 */
export function useReorder<T extends Item>(options: {
  queryKey: QueryKey;
  shown: readonly T[];
  save: (ids: string[]) => Promise<T[]>;
  feedback: Feedback;
  /** The item's name, for the announcement of its new place. */
  name: (item: T) => string;
}): Reorder<T> {
  const { queryKey, shown, save, feedback, name } = options;
  const queryClient = useQueryClient();
  const latest = useRef(0);
  /** The button to give focus back to once the moved list has rendered. */
  const pendingFocus = useRef<{ id: string; direction: Direction } | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);

  // After a move the row's DOM node may have moved, or its button been switched off at the end
  // of the list, and the browser dropped focus: put it back on the same button, or on the other
  // one when the item reached the end. The list renders anew only when the cache says so.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    const button = (direction: Direction) =>
      document.querySelector<HTMLButtonElement>(`[data-reorder="${CSS.escape(`${target.id}:${direction}`)}"]`);
    const same = button(target.direction);
    (same && !same.disabled ? same : button(target.direction === "up" ? "down" : "up"))?.focus();
  }, [shown]);

  /**
   * Moves an item to a place in the shown list, reading the list from the cache rather than
   * from this render: two quick presses before the next render must make two moves.
   */
  const move = (itemId: string, place: (list: readonly T[], from: number) => number, direction?: Direction) => {
    const full = queryClient.getQueryData<T[]>(queryKey) ?? [];
    const shownIds = new Set(shown.map((candidate) => candidate.id));
    const list = full.filter((candidate) => shownIds.has(candidate.id));
    const from = list.findIndex((candidate) => candidate.id === itemId);
    const to = place(list, from);
    const item = list[from];
    if (!item || to < 0 || to >= list.length || to === from) return;
    list.splice(from, 1);
    list.splice(to, 0, item);
    const next = [...list, ...full.filter((candidate) => !shownIds.has(candidate.id))];
    queryClient.setQueryData(queryKey, next);
    if (direction) pendingFocus.current = { id: item.id, direction };
    feedback.succeed("taskPages.moved", { name: name(item), position: to + 1, total: list.length });
    const request = ++latest.current;
    save(next.map((candidate) => candidate.id)).then(
      (saved) => {
        // An older answer must not undo a newer move made meanwhile.
        if (request === latest.current) queryClient.setQueryData(queryKey, saved);
      },
      (error: unknown) => {
        feedback.fail(error);
        void queryClient.invalidateQueries({ queryKey, exact: true });
      },
    );
  };

  const endDrag = () => {
    setDragging(null);
    setOver(null);
  };

  return {
    step: (item, delta) => move(item.id, (_list, from) => from + delta, delta < 0 ? "up" : "down"),
    rowProps: (item) => ({
      onDragOver: (event) => {
        if (!dragging) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        if (over !== item.id) setOver(item.id);
      },
      onDragLeave: () => setOver((current) => (current === item.id ? null : current)),
      onDrop: (event) => {
        event.preventDefault();
        const moved = dragging;
        endDrag();
        if (moved) move(moved, (list) => list.findIndex((candidate) => candidate.id === item.id));
      },
      ...(over === item.id && dragging !== item.id ? { "data-drop-target": true as const } : {}),
      ...(dragging === item.id ? { "data-dragging": true as const } : {}),
    }),
    handleProps: (item) => ({
      draggable: true,
      onDragStart: (event) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
        const row = (event.currentTarget as HTMLElement).closest("li");
        if (row) event.dataTransfer.setDragImage(row, 16, 16);
        setDragging(item.id);
      },
      onDragEnd: endDrag,
    }),
  };
}

/** "Move up" and "Move down" for one row, named after the item; the ends are switched off. */
export function MoveButtons<T extends Item>({ reorder, item, index, count, name }: {
  reorder: Reorder<T>;
  item: T;
  index: number;
  count: number;
  name: string;
}) {
  const { t } = useTranslation();
  return (
    <span className="reorder-buttons">
      <button
        type="button"
        className="button button-icon"
        data-reorder={`${item.id}:up`}
        disabled={index === 0}
        aria-label={t("taskPages.moveUp", { name })}
        title={t("taskPages.moveUpShort")}
        onClick={() => reorder.step(item, -1)}
      >
        <ArrowUp size={18} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="button button-icon"
        data-reorder={`${item.id}:down`}
        disabled={index === count - 1}
        aria-label={t("taskPages.moveDown", { name })}
        title={t("taskPages.moveDownShort")}
        onClick={() => reorder.step(item, 1)}
      >
        <ArrowDown size={18} aria-hidden="true" />
      </button>
    </span>
  );
}

/** The grip to drag a row by (a mouse shortcut; the buttons are the accessible way). */
export function DragHandle<T extends Item>({ reorder, item }: { reorder: Reorder<T>; item: T }) {
  const { t } = useTranslation();
  return (
    <span className="drag-handle" title={t("taskPages.dragHint")} aria-hidden="true" {...reorder.handleProps(item)}>
      <GripVertical size={20} />
    </span>
  );
}
