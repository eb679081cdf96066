/** A profile picture, or the person's initials when there is none. */
import type { User } from "../../shared/schemas/accounts.js";

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase() || "?";
}

export function Avatar({ user, alt }: { user: Pick<User, "name" | "pictureUrl">; alt: string }) {
  if (user.pictureUrl) {
    return <img className="avatar" src={user.pictureUrl} alt={alt} width={80} height={80} />;
  }
  return (
    <span className="avatar" aria-hidden="true">
      {initials(user.name)}
    </span>
  );
}
