/**
 * Saved replies for leaders: insert one into the comment box with one click, save what is typed
 * for later (for oneself or shared with the group's other leaders), and remove one's own.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Switch } from "react-aria-components";
import { BookmarkPlus, CornerDownLeft, Trash2, UsersRound } from "lucide-react";
import { deleteFromCommentBank, listCommentBank, saveToCommentBank } from "../api/loops.js";
import { commentBankKey } from "../lib/loopKeys.js";
import { useFeedback } from "../lib/useFeedback.js";
import { Feedback, QueryView } from "./Messages.js";

const PREVIEW_LENGTH = 90;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH).trimEnd()}…` : flat;
}

export function CommentBank({ groupId, draft, onInsert }: { groupId: string; draft: string; onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const items = useQuery({ queryKey: commentBankKey(groupId), queryFn: () => listCommentBank(groupId) });
  const [shared, setShared] = useState(false);
  const feedback = useFeedback();
  const canSave = draft.trim().length > 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: commentBankKey(groupId) });

  const save = () =>
    void feedback.run(async () => {
      await saveToCommentBank(groupId, { text: draft.trim(), shared });
      await refresh();
      feedback.succeed(shared ? "commentBank.savedShared" : "commentBank.saved");
    });

  return (
    <details className="comment-bank">
      <summary>{t("commentBank.title")}</summary>
      <div className="stack comment-bank-body">
        <QueryView query={items}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("commentBank.empty")}</p>
            ) : (
              <ul className="comment-bank-list">
                {list.map((item) => (
                  <li key={item.id} className="comment-bank-item">
                    <button
                      type="button"
                      className="button comment-bank-insert"
                      aria-label={t("commentBank.insert", { text: preview(item.text) })}
                      onClick={() => {
                        onInsert(item.text);
                        feedback.succeed("commentBank.inserted");
                      }}
                    >
                      <CornerDownLeft size={18} aria-hidden="true" />
                      <span className="comment-bank-text">{preview(item.text)}</span>
                      {item.shared ? (
                        <span className="badge badge-quiet">
                          <UsersRound size={14} aria-hidden="true" />
                          {t("commentBank.sharedBadge")}
                        </span>
                      ) : null}
                    </button>
                    {item.abilities.delete ? (
                      <button
                        type="button"
                        className="button button-quiet icon-button"
                        aria-label={t("commentBank.remove", { text: preview(item.text) })}
                        onClick={() =>
                          void feedback.run(async () => {
                            await deleteFromCommentBank(item.id);
                            await refresh();
                            feedback.succeed("commentBank.removed");
                          })
                        }
                      >
                        <Trash2 size={18} aria-hidden="true" />
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
        <div className="comment-bank-save">
          <Switch className="switch" isSelected={shared} onChange={setShared}>
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            {t("commentBank.shared")}
          </Switch>
          <button type="button" className="button" aria-disabled={!canSave || undefined} onClick={() => (canSave ? save() : undefined)}>
            <BookmarkPlus size={18} aria-hidden="true" />
            {t("commentBank.save")}
          </button>
          {canSave ? null : <p className="muted small">{t("commentBank.saveHint")}</p>}
        </div>
        <Feedback feedback={feedback.state} />
      </div>
    </details>
  );
}
