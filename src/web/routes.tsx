/**
 * The client routes. Signed-in pages sit behind RequireUser, sign-in and sign-up behind
 * RequireVisitor; the e-mailed links (reset, confirm, unsubscribe) work for both. Join and invitation links
 * send a visitor to sign up first (with a way to sign in instead) and come back afterwards.
 * Each page is its own chunk, loaded on first visit, so the first screen downloads only what it
 * shows.
 */
import type { RouteObject } from "react-router";
import { Loading } from "./components/Messages.js";
import { AppShell } from "./components/AppShell.js";
import { RequireUser, RequireVisitor } from "./components/Guards.js";
import { RouteErrorPage } from "./routes/RouteErrorPage.js";

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <RequireUser />,
        children: [
          { index: true, lazy: () => import("./routes/HomePage.js").then((m) => ({ Component: m.HomePage })) },
          { path: "profile", lazy: () => import("./routes/ProfilePage.js").then((m) => ({ Component: m.ProfilePage })) },
          { path: "profile/data", lazy: () => import("./routes/DataExportPage.js").then((m) => ({ Component: m.DataExportPage })) },
          { path: "profile/delete", lazy: () => import("./routes/DeleteAccountPage.js").then((m) => ({ Component: m.DeleteAccountPage })) },
          {
            path: "profile/notifications",
            lazy: () => import("./routes/NotificationSettingsPage.js").then((m) => ({ Component: m.NotificationSettingsPage })),
          },
          { path: "feed", lazy: () => import("./routes/FeedPage.js").then((m) => ({ Component: m.FeedPage })) },
          { path: "sessions", lazy: () => import("./routes/SessionsPage.js").then((m) => ({ Component: m.SessionsPage })) },
          {
            path: "organisations/new",
            lazy: () => import("./routes/CreateOrganisationPage.js").then((m) => ({ Component: m.CreateOrganisationPage })),
          },
          {
            path: "organisations/:orgId/groups/new",
            lazy: () => import("./routes/CreateGroupPage.js").then((m) => ({ Component: m.CreateGroupPage })),
          },
          {
            path: "organisations/:orgId",
            lazy: () => import("./routes/OrganisationLayout.js").then((m) => ({ Component: m.OrganisationLayout })),
            children: [
              { index: true, lazy: () => import("./routes/OrganisationGroupsPage.js").then((m) => ({ Component: m.OrganisationGroupsPage })) },
              { path: "people", lazy: () => import("./routes/OrganisationPeoplePage.js").then((m) => ({ Component: m.OrganisationPeoplePage })) },
              { path: "members", lazy: () => import("./routes/OrganisationMembersPage.js").then((m) => ({ Component: m.OrganisationMembersPage })) },
              { path: "audit", lazy: () => import("./routes/OrganisationAuditPage.js").then((m) => ({ Component: m.OrganisationAuditPage })) },
              { path: "settings", lazy: () => import("./routes/OrganisationSettingsPage.js").then((m) => ({ Component: m.OrganisationSettingsPage })) },
              {
                path: "statistics",
                lazy: () => import("./routes/OrganisationStatisticsPage.js").then((m) => ({ Component: m.OrganisationStatisticsPage })),
              },
              { path: "safeguarding", lazy: () => import("./routes/SafeguardingPage.js").then((m) => ({ Component: m.SafeguardingPage })) },
              { path: "safeguarding/:flagId", lazy: () => import("./routes/SafeguardingFlagPage.js").then((m) => ({ Component: m.SafeguardingFlagPage })) },
            ],
          },
          {
            path: "groups/:groupId",
            lazy: () => import("./routes/GroupLayout.js").then((m) => ({ Component: m.GroupLayout })),
            children: [
              { index: true, lazy: () => import("./routes/GroupOverviewPage.js").then((m) => ({ Component: m.GroupOverviewPage })) },
              { path: "invite", lazy: () => import("./routes/GroupInvitePage.js").then((m) => ({ Component: m.GroupInvitePage })) },
              { path: "members", lazy: () => import("./routes/GroupMembersPage.js").then((m) => ({ Component: m.GroupMembersPage })) },
              { path: "settings", lazy: () => import("./routes/GroupSettingsPage.js").then((m) => ({ Component: m.GroupSettingsPage })) },
              { path: "tasks", lazy: () => import("./routes/GroupTasksPage.js").then((m) => ({ Component: m.GroupTasksPage })) },
              { path: "tags", lazy: () => import("./routes/GroupTagsPage.js").then((m) => ({ Component: m.GroupTagsPage })) },
              { path: "surveys", lazy: () => import("./routes/SurveyListPage.js").then((m) => ({ Component: m.SurveyListPage })) },
              { path: "surveys/new", lazy: () => import("./routes/SurveyEditPage.js").then((m) => ({ Component: m.SurveyEditPage })) },
              { path: "surveys/:surveyId", lazy: () => import("./routes/SurveyPage.js").then((m) => ({ Component: m.SurveyPage })) },
              { path: "surveys/:surveyId/edit", lazy: () => import("./routes/SurveyEditPage.js").then((m) => ({ Component: m.SurveyEditPage })) },
              { path: "checkins", lazy: () => import("./routes/GroupCheckinsPage.js").then((m) => ({ Component: m.GroupCheckinsPage })) },
              { path: "statistics", lazy: () => import("./routes/GroupStatisticsPage.js").then((m) => ({ Component: m.GroupStatisticsPage })) },
              { path: "retention", lazy: () => import("./routes/GroupRetentionPage.js").then((m) => ({ Component: m.GroupRetentionPage })) },
              { path: "posts/:postId", lazy: () => import("./routes/PostPage.js").then((m) => ({ Component: m.PostPage })) },
            ],
          },
          { path: "groups/:groupId/send", lazy: () => import("./routes/ComposerPage.js").then((m) => ({ Component: m.ComposerPage })) },
          { path: "inbox", lazy: () => import("./routes/InboxPage.js").then((m) => ({ Component: m.InboxPage })) },
          { path: "loops/:loopId", lazy: () => import("./routes/LoopPage.js").then((m) => ({ Component: m.LoopPage })) },
          { path: "my/loops", lazy: () => import("./routes/MyLoopsPage.js").then((m) => ({ Component: m.MyLoopsPage })) },
          { path: "my/statistics", lazy: () => import("./routes/MyStatisticsPage.js").then((m) => ({ Component: m.MyStatisticsPage })) },
          // Instance administrators: the web app's crash reports (the API answers others 404).
          { path: "admin/crash-reports", lazy: () => import("./routes/CrashReportsPage.js").then((m) => ({ Component: m.CrashReportsPage })) },
          { path: "admin/crash-reports/:reportId", lazy: () => import("./routes/CrashReportsPage.js").then((m) => ({ Component: m.CrashReportPage })) },
          {
            path: "admin/privacy-policy",
            lazy: () => import("./routes/PrivacyPolicyAdminPage.js").then((m) => ({ Component: m.PrivacyPolicyAdminPage })),
          },
        ],
      },
      {
        element: <RequireUser visitorTo="/sign-up" />,
        children: [
          { path: "join", lazy: () => import("./routes/JoinPage.js").then((m) => ({ Component: m.JoinPage })) },
          { path: "join/:code", lazy: () => import("./routes/JoinPage.js").then((m) => ({ Component: m.JoinPage })) },
          {
            path: "invitations/accept",
            lazy: () => import("./routes/AcceptInvitationPage.js").then((m) => ({ Component: m.AcceptInvitationPage })),
          },
        ],
      },
      {
        element: <RequireVisitor />,
        children: [
          { path: "sign-in", lazy: () => import("./routes/SignInPage.js").then((m) => ({ Component: m.SignInPage })) },
          { path: "sign-up", lazy: () => import("./routes/SignUpPage.js").then((m) => ({ Component: m.SignUpPage })) },
        ],
      },
      // After the sign-in provider: the person answers (create an account, confirm a link) or reads what went wrong.
      { path: "sign-in/continue", lazy: () => import("./routes/SignInContinuePage.js").then((m) => ({ Component: m.SignInContinuePage })) },
      { path: "sign-in/problem", lazy: () => import("./routes/SignInProblemPage.js").then((m) => ({ Component: m.SignInProblemPage })) },
      { path: "forgot-password", lazy: () => import("./routes/ForgotPasswordPage.js").then((m) => ({ Component: m.ForgotPasswordPage })) },
      { path: "reset-password", lazy: () => import("./routes/ResetPasswordPage.js").then((m) => ({ Component: m.ResetPasswordPage })) },
      { path: "confirm-email", lazy: () => import("./routes/ConfirmEmailPage.js").then((m) => ({ Component: m.ConfirmEmailPage })) },
      { path: "unsubscribe", lazy: () => import("./routes/UnsubscribePage.js").then((m) => ({ Component: m.UnsubscribePage })) },
      // Where a deleted account lands, signed out.
      { path: "account-deleted", lazy: () => import("./routes/DeleteAccountPage.js").then((m) => ({ Component: m.AccountDeletedPage })) },
      // The privacy policy is public: read before signing up, and past the notice of a significant change.
      { path: "privacy", lazy: () => import("./routes/PrivacyPolicyPages.js").then((m) => ({ Component: m.PrivacyPolicyPage })) },
      { path: "privacy/versions", lazy: () => import("./routes/PrivacyPolicyPages.js").then((m) => ({ Component: m.PrivacyArchivePage })) },
      { path: "privacy/versions/:versionId", lazy: () => import("./routes/PrivacyPolicyPages.js").then((m) => ({ Component: m.PrivacyVersionPage })) },
      { path: "*", lazy: () => import("./routes/NotFoundPage.js").then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
];
