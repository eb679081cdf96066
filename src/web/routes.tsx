/**
 * The client routes. Signed-in pages sit behind RequireUser, sign-in and sign-up behind
 * RequireVisitor; the e-mailed links (reset, confirm) work for both. Each page is its own
 * chunk, loaded on first visit, so the first screen downloads only what it shows.
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
          { path: "sessions", lazy: () => import("./routes/SessionsPage.js").then((m) => ({ Component: m.SessionsPage })) },
        ],
      },
      {
        element: <RequireVisitor />,
        children: [
          { path: "sign-in", lazy: () => import("./routes/SignInPage.js").then((m) => ({ Component: m.SignInPage })) },
          { path: "sign-up", lazy: () => import("./routes/SignUpPage.js").then((m) => ({ Component: m.SignUpPage })) },
        ],
      },
      { path: "forgot-password", lazy: () => import("./routes/ForgotPasswordPage.js").then((m) => ({ Component: m.ForgotPasswordPage })) },
      { path: "reset-password", lazy: () => import("./routes/ResetPasswordPage.js").then((m) => ({ Component: m.ResetPasswordPage })) },
      { path: "confirm-email", lazy: () => import("./routes/ConfirmEmailPage.js").then((m) => ({ Component: m.ConfirmEmailPage })) },
      { path: "*", lazy: () => import("./routes/NotFoundPage.js").then((m) => ({ Component: m.NotFoundPage })) },
    ],
  },
];
