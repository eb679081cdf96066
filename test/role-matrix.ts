/**
 * The role matrix (design.md §6, §7.1): every endpoint of the OpenAPI document × every role, with
 * the outcome a valid request gets. test/role-matrix.test.ts walks all of it on both databases and
 * fails when an endpoint of the document is missing here (or listed here but not documented).
 * A new endpoint is added here, with a request for it in the test's SCENARIOS.
 *
 * The world the roles live in (built once by the test):
 *   - the organisation "Solskolan" with the hierarchical group "7B";
 *   - visitor        — no session;
 *   - otherOrgUser   — administrator of another organisation ("Bergskolan"), nothing in Solskolan;
 *   - orgMember      — member of Solskolan through another of its groups ("8A"), not in 7B;
 *   - sender         — sender in 7B (joined with the sender code);
 *   - leader         — leader in 7B (joined with the leader code); not a group creator;
 *   - tutor          — tutor in 7B (by e-mail invitation); not a member of Solskolan;
 *   - owner          — group creator of Solskolan who created 7B (owner and leader);
 *   - orgAdmin       — administrator of Solskolan (created it), not in 7B;
 *   - instanceAdmin  — first account of the instance, in no organisation.
 * Path ids: {orgId} Solskolan, {groupId} 7B (or a fresh copy of it where the call destroys
 * something), {userId} another member (the sender; for organisation rows a spare account holding
 * the role being removed), {purpose} sender, {id} the actor's own second session / the sender's
 * picture, {invitationId} a fresh pending invitation, {packageId} a fresh package the owner saved
 * from 7B, {taskId}/{tagId} a published task / a tag of 7B (a fresh one where the call deletes it).
 *
 * Outcomes: "ok" is any 2xx; otherwise the status. 404 is also the answer for "exists, but not
 * yours to see" (design.md §4), so it appears wherever the actor may not even read the resource.
 */
export const ROLES = ["visitor", "otherOrgUser", "orgMember", "sender", "leader", "tutor", "owner", "orgAdmin", "instanceAdmin"] as const;
export type Role = (typeof ROLES)[number];
export type Outcome = "ok" | 303 | 400 | 401 | 403 | 404 | 409;

const ok = "ok";
type Cells = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

// prettier-ignore
const TABLE: ReadonlyArray<readonly [string, Cells]> = [
  //                                                                  visitor other orgMem sender leader tutor owner orgAdm instAdm
  // Health probes: open to everyone.
  ["GET /healthz",                                                    [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /readyz",                                                     [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],

  // Accounts: public doors, then the actor's own account only.
  ["POST /api/v1/auth/register",                                      [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/auth/sign-in",                                       [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/auth/sign-out",                                      [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/auth/password-reset",                                [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/auth/password-reset/confirm",                        [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/auth/email/confirm",                                 [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/me",                                                  [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["PATCH /api/v1/me",                                                [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["PUT /api/v1/me/picture",                                          [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["DELETE /api/v1/me/picture",                                       [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  // The sender's picture: the sender and those who lead them in an active group; not an administrator outside it.
  ["GET /api/v1/users/{id}/picture",                                  [401,    404,  404,   ok,    ok,    ok,   ok,   ok,    404]],
  ["POST /api/v1/me/password",                                        [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/me/email",                                           [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/me/sessions",                                         [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["DELETE /api/v1/me/sessions/{id}",                                 [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/me/sessions/revoke-others",                          [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],

  // Organisations: members read; administrators manage. Tutors are no members.
  ["GET /api/v1/organisations",                                       [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  // ORG_CREATION=open (the default): any account may found an organisation.
  ["POST /api/v1/organisations",                                      [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/organisations/{orgId}",                               [401,    404,  ok,    ok,    ok,    404,  ok,   ok,    404]],
  ["PATCH /api/v1/organisations/{orgId}",                             [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["GET /api/v1/organisations/{orgId}/members",                       [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["POST /api/v1/organisations/{orgId}/admins",                       [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["DELETE /api/v1/organisations/{orgId}/admins/{userId}",            [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["POST /api/v1/organisations/{orgId}/group-creators",               [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["DELETE /api/v1/organisations/{orgId}/group-creators/{userId}",    [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["GET /api/v1/organisations/{orgId}/invite-code",                   [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["PATCH /api/v1/organisations/{orgId}/invite-code",                 [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["POST /api/v1/organisations/{orgId}/invite-code/rotate",           [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["GET /api/v1/organisations/{orgId}/invitations",                   [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["DELETE /api/v1/organisations/{orgId}/invitations/{invitationId}", [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["GET /api/v1/organisations/{orgId}/audit",                         [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  // Group creators and administrators create groups; the leader joined by code is no group creator.
  ["POST /api/v1/organisations/{orgId}/groups",                       [401,    404,  403,   403,   403,   404,  ok,   ok,    404]],

  // Groups: members (and the organisation's administrators) see the group; outsiders get 404.
  ["GET /api/v1/groups",                                              [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/groups/{groupId}",                                    [401,    404,  404,   ok,    ok,    ok,   ok,   ok,    404]],
  ["PATCH /api/v1/groups/{groupId}",                                  [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/inactivate",                        [401,    404,  404,   403,   403,   403,  ok,   ok,    404]],
  // On an inactive group: its members cannot even see it.
  ["POST /api/v1/groups/{groupId}/reactivate",                        [401,    404,  404,   404,   404,   404,  ok,   ok,    404]],
  ["POST /api/v1/groups/{groupId}/transfer",                          [401,    404,  404,   403,   403,   403,  ok,   ok,    404]],
  // Senders of a hierarchical group do not see each other.
  ["GET /api/v1/groups/{groupId}/members",                            [401,    404,  404,   403,   ok,    ok,   ok,   ok,    404]],
  ["PATCH /api/v1/groups/{groupId}/members/{userId}",                 [401,    404,  404,   403,   403,   403,  ok,   403,   404]],
  ["DELETE /api/v1/groups/{groupId}/members/{userId}",                [401,    404,  404,   403,   403,   403,  ok,   403,   404]],
  // The owner must hand the group over first.
  ["POST /api/v1/groups/{groupId}/leave",                             [401,    404,  404,   ok,    ok,    ok,   409,  403,   404]],
  // Codes and invitations: the owner and leaders (not tutors, not administrators outside the group).
  ["GET /api/v1/groups/{groupId}/codes",                              [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/codes/{purpose}/rotate",            [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["PATCH /api/v1/groups/{groupId}/codes/{purpose}",                  [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/groups/{groupId}/codes/{purpose}/qr.svg",             [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/groups/{groupId}/invitations",                        [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/invitations",                       [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["DELETE /api/v1/groups/{groupId}/invitations/{invitationId}",      [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],

  // Content packages: the library for everyone signed in, an organisation's own for its members (tutors are none).
  // Saving 7B needs manageTasks in it; to a member outside 7B it is no group of theirs (400 groupId).
  ["GET /api/v1/packages",                                            [401,    404,  ok,    ok,    ok,    404,  ok,   ok,    404]],
  ["POST /api/v1/organisations/{orgId}/packages",                     [401,    404,  400,   403,   ok,    404,  ok,   403,   404]],
  // A package the owner saved: its creator or an administrator deletes it.
  ["DELETE /api/v1/organisations/{orgId}/packages/{packageId}",       [401,    404,  403,   403,   403,   404,  ok,   ok,    404]],
  // Tasks and tags: every reader of the group sees them (senders the published ones); leaders, not tutors, shape them.
  ["GET /api/v1/groups/{groupId}/tasks",                              [401,    404,  404,   ok,    ok,    ok,   ok,   ok,    404]],
  ["POST /api/v1/groups/{groupId}/tasks",                             [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["PATCH /api/v1/groups/{groupId}/tasks/{taskId}",                   [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["DELETE /api/v1/groups/{groupId}/tasks/{taskId}",                  [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["PUT /api/v1/groups/{groupId}/tasks/order",                        [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/groups/{groupId}/tags",                               [401,    404,  404,   ok,    ok,    ok,   ok,   ok,    404]],
  ["POST /api/v1/groups/{groupId}/tags",                              [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["PATCH /api/v1/groups/{groupId}/tags/{tagId}",                     [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["DELETE /api/v1/groups/{groupId}/tags/{tagId}",                    [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["PUT /api/v1/groups/{groupId}/tags/order",                         [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],

  // Loops: between a sender and the group's leaders and tutors. An administrator outside the group sees none.
  // {loopId} is the sender's report on a published task of 7B (with an image), {attachmentId} that image.
  ["POST /api/v1/groups/{groupId}/loops",                             [401,    404,  404,   ok,    403,   403,  403,  403,   404]],
  ["GET /api/v1/loops/{loopId}",                                      [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  // Only the sender corrects or deletes what they wrote.
  ["PATCH /api/v1/loops/{loopId}",                                    [401,    404,  404,   ok,    403,   403,  403,  404,   404]],
  ["DELETE /api/v1/loops/{loopId}",                                   [401,    404,  404,   ok,    403,   403,  403,  404,   404]],
  // Leaders and tutors approve reports; never the sender.
  ["POST /api/v1/loops/{loopId}/approve",                             [401,    404,  404,   403,   ok,    ok,   ok,   404,   404]],
  ["DELETE /api/v1/loops/{loopId}/approve",                           [401,    404,  404,   403,   ok,    ok,   ok,   404,   404]],
  ["POST /api/v1/loops/{loopId}/read",                                [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  ["GET /api/v1/loops/{loopId}/attachments/{attachmentId}",           [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  // Lists of one's own: everyone signed in gets theirs (perhaps empty).
  // The group's loops of a period as a spreadsheet: whoever reads the group's loops (an organisation administrator outside the group does not).
  ["GET /api/v1/groups/{groupId}/loops/export.csv",                   [401,    404,  404,   403,   ok,    ok,   ok,   403,   404]],
  ["GET /api/v1/groups/{groupId}/loops/export.xlsx",                  [401,    404,  404,   403,   ok,    ok,   ok,   403,   404]],
  ["GET /api/v1/inbox",                                               [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  // Statistics (issue 6): the group dashboard for its leaders and tutors (not its senders, not an administrator outside it);
  // the organisation dashboard for its administrators; everyone's own figures for everyone signed in.
  ["GET /api/v1/groups/{groupId}/statistics",                         [401,    404,  404,   403,   ok,    ok,   ok,   403,   404]],
  ["GET /api/v1/organisations/{orgId}/statistics",                    [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["GET /api/v1/me/statistics",                                       [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/me/loops",                                            [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/events",                                              [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],

  // Comment threads: whoever reads the loop takes part; each edits and deletes their own ({commentId} is the sender's).
  ["GET /api/v1/loops/{loopId}/comments",                             [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  ["POST /api/v1/loops/{loopId}/comments",                            [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  ["PATCH /api/v1/comments/{commentId}",                              [401,    404,  404,   ok,    403,   403,  403,  404,   404]],
  ["DELETE /api/v1/comments/{commentId}",                             [401,    404,  404,   ok,    403,   403,  403,  404,   404]],
  // The comment bank is the leaders' and tutors' tool; {itemId} is one the owner saved.
  ["GET /api/v1/groups/{groupId}/comment-bank",                       [401,    404,  404,   403,   ok,    ok,   ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/comment-bank",                      [401,    404,  404,   403,   ok,    ok,   ok,   403,   404]],
  ["DELETE /api/v1/comment-bank/{itemId}",                            [401,    404,  404,   404,   404,   404,  ok,   404,   404]],

  // The feed and e-mail choices are each person's own; {notificationId} is one of the sender's items.
  ["GET /api/v1/feed",                                                [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/feed/unread-count",                                   [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/feed/{notificationId}/read",                         [401,    404,  404,   ok,    404,   404,  404,  404,   404]],
  ["POST /api/v1/feed/read-all",                                      [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/me/notification-preferences",                         [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["PUT /api/v1/me/notification-preferences",                         [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],

  // Information posts: every member reads (tutors too); leaders, not tutors, post, edit and delete. {postId} is the
  // owner's post with an image ({attachmentId}); its author has seen it already, so marking it is not theirs to do.
  ["GET /api/v1/groups/{groupId}/posts",                              [401,    404,  404,   ok,    ok,    ok,   ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/posts",                             [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/posts/{postId}",                                      [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  ["PATCH /api/v1/posts/{postId}",                                    [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],
  ["DELETE /api/v1/posts/{postId}",                                   [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],
  ["POST /api/v1/posts/{postId}/seen",                                [401,    404,  404,   ok,    ok,    ok,   403,  404,   404]],
  ["GET /api/v1/posts/{postId}/attachments/{attachmentId}",           [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],

  // Surveys: members see open ones (leaders drafts too); leaders, not tutors, shape, open, close and read results;
  // whoever sends loops answers. {surveyId}: an open identified survey of 7B by the owner (a fresh one where the
  // call changes its state or deletes it; for opening, a fresh draft, which only leaders see at all).
  ["GET /api/v1/groups/{groupId}/surveys",                            [401,    404,  404,   ok,    ok,    ok,   ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/surveys",                           [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/surveys/{surveyId}",                                  [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  ["PATCH /api/v1/surveys/{surveyId}",                                [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],
  ["DELETE /api/v1/surveys/{surveyId}",                               [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],
  ["POST /api/v1/surveys/{surveyId}/open",                            [401,    404,  404,   404,   ok,    404,  ok,   404,   404]],
  ["POST /api/v1/surveys/{surveyId}/close",                           [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],
  ["PUT /api/v1/surveys/{surveyId}/response",                         [401,    404,  404,   ok,    403,   403,  403,  404,   404]],
  ["GET /api/v1/surveys/{surveyId}/results",                          [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],
  ["GET /api/v1/surveys/{surveyId}/results.csv",                      [401,    404,  404,   403,   ok,    403,  ok,   404,   404]],

  // Check-ins: leaders (not tutors, not administrators outside the group) set them up and see each occurrence's
  // answers; whoever reads the group reads an occurrence's prompt ({checkinId}: a paused check-in of 7B;
  // {occurrenceId}: an occurrence the scheduler made of another one).
  ["GET /api/v1/groups/{groupId}/checkins",                           [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["POST /api/v1/groups/{groupId}/checkins",                          [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["PATCH /api/v1/checkins/{checkinId}",                              [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["DELETE /api/v1/checkins/{checkinId}",                             [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/checkins/{checkinId}/occurrences",                    [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  ["GET /api/v1/checkin-occurrences/{occurrenceId}",                  [401,    404,  404,   ok,    ok,    ok,   ok,   ok,    404]],

  // Unsubscribe links: the signed token is the authority, with or without a session ({token}: the spare account's).
  ["GET /api/v1/unsubscribe",                                         [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/unsubscribe",                                        [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],

  // Joining: whoever holds a valid code or invitation link gets in (members keep their role).
  ["POST /api/v1/join",                                               [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/invitations/accept",                                 [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],

  // Issue 7 — privacy-policy: its rows go here.
  // The policy is public; everyone signed in has a standing towards it; only the instance administrator publishes.
  ["GET /api/v1/privacy-policy",                                      [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/privacy-policy/versions",                             [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/privacy-policy/versions/{versionId}",                 [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/privacy-policy/versions",                            [401,    403,  403,   403,   403,   403,  403,  403,   ok]],
  ["POST /api/v1/privacy-policy/preview",                             [401,    403,  403,   403,   403,   403,  403,  403,   ok]],
  ["GET /api/v1/me/privacy-policy",                                   [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/me/privacy-policy/acknowledge",                      [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/me/privacy-policy/dismiss",                          [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  // Issue 7 — retention: its rows go here.
  // What the retention period removes soon: the group's leaders (the owner among them); not tutors, senders or administrators outside it.
  ["GET /api/v1/groups/{groupId}/retention/queue",                     [401,    404,  404,   403,   ok,    403,  ok,   403,   404]],
  // Issue 7 — safeguarding: its rows go here.
  // Safeguarding: orgMember is Solskolan's safeguarding contact; {flagId} is the leader's flag on the sender's report
  // ({attachmentId} its image). Members know the contacts, administrators name them; the loop's leaders and tutors flag;
  // a flag is seen by its flagger and the contacts only — everyone else, the owner and the sender too, gets 404.
  ["GET /api/v1/organisations/{orgId}/safeguarding-contacts",          [401,    404,  ok,    ok,    ok,    404,  ok,   ok,    404]],
  ["POST /api/v1/organisations/{orgId}/safeguarding-contacts",         [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  ["DELETE /api/v1/organisations/{orgId}/safeguarding-contacts/{userId}", [401, 404,  403,   403,   403,   404,  403,  ok,    404]],
  ["GET /api/v1/loops/{loopId}/safeguarding-flags",                    [401,    404,  404,   ok,    ok,    ok,   ok,   404,   404]],
  ["POST /api/v1/loops/{loopId}/safeguarding-flags",                   [401,    404,  404,   403,   ok,    ok,   ok,   404,   404]],
  ["GET /api/v1/organisations/{orgId}/safeguarding-flags",             [401,    404,  ok,    ok,    ok,    404,  ok,   ok,    404]],
  ["GET /api/v1/safeguarding-flags/{flagId}",                          [401,    404,  ok,    404,   ok,    404,  404,  404,   404]],
  ["POST /api/v1/safeguarding-flags/{flagId}/steps",                   [401,    404,  ok,    404,   403,   404,  404,  404,   404]],
  ["GET /api/v1/safeguarding-flags/{flagId}/attachments/{attachmentId}", [401,  404,  ok,    404,   ok,    404,  404,  404,   404]],
  // Issue 7 — crash-reports: its rows go here.
  // Crash reports: anyone sends one with consent (a visitor approving it once); instance administrators read them.
  ["POST /api/v1/crash-reports",                                      [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/crash-reports",                                       [401,    404,  404,   404,   404,   404,  404,  404,   ok]],
  ["GET /api/v1/crash-reports/{reportId}",                            [401,    404,  404,   404,   404,   404,  404,  404,   ok]],
  ["GET /api/v1/me/crash-report-setting",                             [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["PUT /api/v1/me/crash-report-setting",                             [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  // The audit log as CSV: like the log itself, administrators only.
  ["GET /api/v1/organisations/{orgId}/audit.csv",                     [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  // Issue 7 — data-exports: its rows go here.
  // Everyone exports their own data; the download is the requester's alone (the sender's export here).
  ["GET /api/v1/me/exports",                                          [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/me/exports",                                         [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/exports/{exportId}/download",                         [401,    404,  404,   ok,    404,   404,  404,  404,   404]],
  // A member's data in the organisation: its administrators, on the member's request ({userId}: the sender).
  ["POST /api/v1/organisations/{orgId}/members/{userId}/export",      [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  // The whole group: its owner only ("each group owner has the opportunity to request this information").
  ["POST /api/v1/groups/{groupId}/export",                            [401,    404,  404,   403,   403,   403,  ok,   403,   404]],
  // Issue 7 — erasure: its rows go here.
  // Everyone sees what deleting their account would do. Deleting: the owner must hand 7B (with members) over first
  // (409, with the right password); everyone else is asked with a wrong password (400) — erasing the matrix's people
  // would end the walk; erasure.test.ts deletes accounts, and checks the administrators' hand-over, for real.
  ["GET /api/v1/me/erasure",                                          [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/me/erase",                                           [401,    400,  400,   400,   400,   400,  409,  400,   400]],
  // A member's data in the organisation: its administrators ({userId}: a fresh member of Solskolan, erased by orgAdmin).
  ["POST /api/v1/organisations/{orgId}/members/{userId}/erase",       [401,    404,  403,   403,   403,   404,  403,  ok,    404]],
  // Issue 8 — sign-in with a provider (a real test provider on loopback is configured).
  // The methods are public; linking needs a session; the callback is a browser navigation and always redirects
  // (here, without the browser's flow cookie, to the "expired" problem page); nothing is pending for anyone.
  ["GET /api/v1/auth/methods",                                        [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["POST /api/v1/auth/oidc/start",                                    [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/auth/oidc/callback",                                  [303,    303,  303,   303,   303,   303,  303,  303,   303]],
  ["GET /api/v1/auth/oidc/pending",                                   [404,    404,  404,   404,   404,   404,  404,  404,   404]],
  ["POST /api/v1/auth/oidc/sign-up",                                  [404,    404,  404,   404,   404,   404,  404,  404,   404]],
  ["POST /api/v1/auth/oidc/confirm-link",                             [404,    404,  404,   404,   404,   404,  404,  404,   404]],
  ["DELETE /api/v1/auth/oidc/pending",                                [ok,     ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  ["GET /api/v1/me/identities",                                       [401,    ok,   ok,    ok,    ok,    ok,   ok,   ok,    ok]],
  // Only one's own link ({identityId}: the sender's, who has a password, so it may go).
  ["DELETE /api/v1/me/identities/{id}",                               [401,    404,  404,   ok,    404,   404,  404,  404,   404]],
];

/** "METHOD /path/{param}" → expected outcome per role. */
export const ROLE_MATRIX: ReadonlyMap<string, Readonly<Record<Role, Outcome>>> = new Map(
  TABLE.map(([endpoint, cells]) => [endpoint, Object.fromEntries(ROLES.map((role, i) => [role, cells[i]])) as Record<Role, Outcome>]),
);

/** Endpoints listed more than once (a table error the test reports). */
export const DUPLICATE_ROWS = TABLE.map(([e]) => e).filter((e, i, all) => all.indexOf(e) !== i);
