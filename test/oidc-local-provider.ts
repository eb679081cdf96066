/**
 * `npm run oidc:local`: the tests' OpenID Connect provider on http://127.0.0.1:3001, to try
 * "Sign in with Google" on a fresh clone without a Google account. Any login typed at its form
 * signs in as a made-up person with a verified address (login@example.org) and a picture.
 * It prints the variables to start Openloop with.
 */
import { startTestProvider } from "./helpers/oidc-provider.js";

const PORT = Number(process.env.OIDC_LOCAL_PORT ?? 3001);
const APP_PORT = Number(process.env.PORT ?? 3000);

const provider = await startTestProvider(
  [`http://localhost:${APP_PORT}/api/v1/auth/oidc/callback`, `http://127.0.0.1:${APP_PORT}/api/v1/auth/oidc/callback`],
  [{ sub: "greta", name: "Greta Lind", email: "greta@skolan.example", email_verified: true, hd: "skolan.example" }],
  { port: PORT, acceptAnyone: true },
);
const env = Object.entries(provider.env)
  .map(([k, v]) => `${k}='${v}'`)
  .join(" ");
console.log(`A local OpenID Connect provider runs at ${provider.issuer} (Ctrl-C stops it).`);
console.log(`Start Openloop with:\n\n  ${env} npm start\n`);
console.log(`Then open http://localhost:${APP_PORT}/sign-in and choose "Sign in with Google"; any login and password work.`);
