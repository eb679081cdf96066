/**
 * One information post inside its group (`/groups/:groupId/posts/:postId`, where the feed links):
 * the whole post with its files and actions. Opening it marks it seen for a member.
 */
import { Link, useNavigate, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { ApiError } from "../api/client.js";
import { getPost, markPostSeen, postKey, postsKey, type Post } from "../api/posts.js";
import { QueryView } from "../components/Messages.js";
import { PostCard } from "../components/PostCard.js";
import { useSectionTitle } from "../lib/hooks.js";
import { useGroup } from "./GroupLayout.js";
import "../styles/posts.css";

export function PostPage() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const { postId = "" } = useParams();
  const navigate = useNavigate();
  const post = useQuery({ queryKey: postKey(postId), queryFn: () => getPost(postId) });
  useSectionTitle(post.data?.title ?? t("posts.sectionTitle"), group.name);
  const gone = post.error instanceof ApiError && post.error.status === 404;
  return (
    <div className="stack post-page">
      <p>
        <Link className="back-link" to={`/groups/${group.id}`}>
          <ArrowLeft size={18} aria-hidden="true" />
          {t("posts.back", { group: group.name })}
        </Link>
      </p>
      {gone ? (
        <div className="empty-state">
          <h2>{t("posts.goneTitle")}</h2>
          <p>{t("posts.goneBody")}</p>
        </div>
      ) : (
        <QueryView query={post}>
          {(loaded) => (
            <>
              <MarkSeenOnOpen post={loaded} />
              <PostCard post={loaded} variant="page" onDeleted={() => void navigate(`/groups/${group.id}`)} />
            </>
          )}
        </QueryView>
      )}
    </div>
  );
}

/** Opening a post marks it seen: a query, not an effect, so it is sent once however often the page renders. */
function MarkSeenOnOpen({ post }: { post: Post }) {
  const queryClient = useQueryClient();
  useQuery({
    queryKey: ["post-seen", post.id],
    queryFn: async () => {
      await markPostSeen(post.id);
      await queryClient.invalidateQueries({ queryKey: postsKey });
      return true;
    },
    enabled: post.abilities.markSeen && !post.seen,
    staleTime: Infinity,
    retry: false,
  });
  return null;
}
