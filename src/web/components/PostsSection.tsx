/**
 * The group's news on its Home page: its information posts, newest first, a page at a time;
 * leaders write new ones here. An empty list says what to do next.
 */
import { useTranslation } from "react-i18next";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Megaphone, Plus } from "lucide-react";
import type { Group } from "../../shared/schemas/groups.js";
import { groupPostsKey, listPosts, postsKey } from "../api/posts.js";
import { currentLanguage } from "../i18n/index.js";
import { useFeedback } from "../lib/useFeedback.js";
import { Feedback, LoadFailed, Loading } from "./Messages.js";
import { PostCard } from "./PostCard.js";
import { PostFormDialog } from "./PostForm.js";
import { titleInSentence } from "./TaskBadges.js";
import "../styles/posts.css";

export function PostsSection({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const language = currentLanguage();
  const posts = useInfiniteQuery({
    queryKey: groupPostsKey(group.id),
    queryFn: ({ pageParam }) => listPosts(group.id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = posts.data?.pages.flatMap((page) => page.posts) ?? [];
  const canPublish = group.abilities.publish;

  return (
    <section className="card posts-section" aria-labelledby="posts-title">
      <div className="posts-section-head">
        <div className="card-header">
          <h2 id="posts-title">{t("posts.sectionTitle")}</h2>
          <p>{t("posts.sectionIntro")}</p>
        </div>
        {canPublish ? (
          <PostFormDialog
            groupId={group.id}
            triggerClassName="button button-primary"
            trigger={
              <>
                <Plus size={18} aria-hidden="true" />
                {t("posts.new")}
              </>
            }
            onSaved={() => {
              feedback.succeed("posts.created");
              void queryClient.invalidateQueries({ queryKey: postsKey });
            }}
          />
        ) : null}
      </div>
      <Feedback feedback={feedback.state} />
      {posts.isPending ? <Loading /> : null}
      {posts.isError && !posts.data ? <LoadFailed error={posts.error} retry={() => void posts.refetch()} /> : null}
      {posts.data && list.length === 0 ? (
        <div className="empty-state">
          <Megaphone size={28} aria-hidden="true" className="empty-state-icon" />
          <p>{canPublish ? t("posts.emptyLeader") : t("posts.emptyMember", { leader: titleInSentence(group.roleTitles.leader[language], language) })}</p>
        </div>
      ) : null}
      {list.length > 0 ? (
        <ul className="post-list">
          {list.map((post) => (
            <li key={post.id}>
              <PostCard post={post} variant="list" onDeleted={() => feedback.succeed("posts.deleted")} />
            </li>
          ))}
        </ul>
      ) : null}
      {posts.hasNextPage ? (
        <div>
          <button type="button" className="button" aria-disabled={posts.isFetchingNextPage || undefined} onClick={() => void (posts.isFetchingNextPage || posts.fetchNextPage())}>
            {t("posts.loadMore")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
