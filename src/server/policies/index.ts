/**
 * The small policy engine. Each module declares its rules once, in `modules/<area>/policy.ts`:
 *
 *   export const userPolicy = definePolicy<UserRow>("user");
 *   userPolicy.allow("read", (actor, user) => actor.userId === user.id);
 *
 * Routes call `authorize()`; presenters call `abilities()` so the client never re-derives a rule.
 * A resource the actor may not even read answers 404, exactly like a missing one.
 */
import { forbidden, notFound, type HttpError } from "../http/errors.js";

/** Who is acting: a signed-in user (with their session), or nobody. */
export interface Actor {
  userId: string;
  sessionId: string;
  isInstanceAdmin: boolean;
  /** Name and picture as the session found them, for presenting the actor's own new work without another read. */
  card?: { name: string; picture_key: string | null };
  /** How this session began (issue 8: an organisation's sign-in rule); absent for a session-less actor. */
  signIn?: { method: "password" | "oidc"; hostedDomain: string | null };
}

export type Rule<R> = (actor: Actor, resource: R) => boolean;

export interface Policy<R, A extends string> {
  readonly name: string;
  /** Declares who may do `action` to a resource of this kind. */
  allow(action: A, rule: Rule<R>): void;
  /** True when some rule for `action` allows the actor; false for a visitor. */
  can(actor: Actor | null, action: A, resource: R): boolean;
  /** Returns the resource; throws 404 if the actor may not read it, 403 if they may read but not act. */
  authorize<T extends R>(actor: Actor | null, action: A, resource: T | undefined | null): T;
  /** Every declared action → whether the actor may do it; sent with the resource. */
  abilities(actor: Actor | null, resource: R): Record<A, boolean>;
}

/** What a refused authorization records in the audit log (see app.ts's error handler). */
export interface DeniedAccess {
  policy: string;
  action: string;
  subjectId: string | null;
  organisationId: string | null;
}

/** Where a resource lives, for the audit row of a refused authorization. */
export type Locate<R> = (resource: R) => { id: string | null; organisationId: string | null };

/** Creates the policy of one resource kind; "read" is the action that decides visibility. */
export function definePolicy<R, A extends string = string>(name: string, actions: readonly A[], locate?: Locate<R>): Policy<R, A> {
  const rules = new Map<A, Rule<R>[]>();
  const can = (actor: Actor | null, action: A, resource: R) =>
    actor !== null && (rules.get(action) ?? []).some((rule) => rule(actor, resource));
  return {
    name,
    allow(action, rule) {
      rules.set(action, [...(rules.get(action) ?? []), rule]);
    },
    can,
    authorize<T extends R>(actor: Actor | null, action: A, resource: T | undefined | null): T {
      if (resource === undefined || resource === null) throw notFound();
      const denied = (error: HttpError) => {
        const where = locate?.(resource) ?? { id: null, organisationId: null };
        error.denied = { policy: name, action, subjectId: where.id, organisationId: where.organisationId };
        return error;
      };
      if (!can(actor, "read" as A, resource)) throw denied(notFound());
      if (!can(actor, action, resource)) throw denied(forbidden());
      return resource;
    },
    abilities(actor, resource) {
      return Object.fromEntries(actions.map((a) => [a, can(actor, a, resource)])) as Record<A, boolean>;
    },
  };
}

/** Composes rules: all must allow. */
export const and =
  <R>(...rs: Rule<R>[]): Rule<R> =>
  (actor, resource) =>
    rs.every((r) => r(actor, resource));
