/**
 * A real OpenID Connect provider on loopback for the tests (the `oidc-provider` package): one
 * confidential client for the app, test people with the claims Google gives (name, e-mail,
 * `email_verified`, `hd`, a picture URL served by this same server), PKCE required, the
 * provider's development sign-in form (any password), and consent granted on the first sign-in.
 *
 * `tamperIdToken` lets a test replace the ID token the token endpoint returns with one signed
 * by the provider's own key but with other claims (wrong audience, expired, other nonce).
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import sharp from "sharp";

export const TEST_CLIENT_ID = "openloop-test";
export const TEST_CLIENT_SECRET = "a test client secret that is long enough";

export interface TestPerson {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
  hd?: string;
  /** A picture is served for this person at /pictures/<sub>.jpg unless false. */
  picture?: boolean;
}

export type IdTokenClaims = Record<string, unknown>;

export interface TestProvider {
  issuer: string;
  /** Environment that points the app at this provider. */
  env: Record<string, string>;
  people: Map<string, TestPerson>;
  /** Requests for pictures, to show that they are downloaded once and never hot-linked. */
  pictureRequests: string[];
  /** When set, the next token responses carry an ID token with these claims instead (re-signed). */
  tamperIdToken: ((claims: IdTokenClaims) => IdTokenClaims) | null;
  /** A JPEG with EXIF GPS served as each person's picture. */
  picture: Buffer;
  close(): Promise<void>;
}

/** A JPEG of 64×64 with GPS coordinates and a camera model in its EXIF block. */
async function pictureWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Model: "Secret Camera 3000" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "59/1 19/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "18/1 4/1 0/1" } })
    .toBuffer();
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/** Signs claims as an RS256 JWS with the provider's key (what its token endpoint does). */
function signJwt(claims: IdTokenClaims, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign("sha256", Buffer.from(`${head}.${body}`), key);
  return `${head}.${body}.${b64url(signature)}`;
}

/** A person made up from any login typed at the development form ("greta" → Greta, greta@example.org). */
function madeUp(login: string): TestPerson {
  const name = login.replace(/[^\p{L}\p{N} .'-]/gu, "").trim() || "Test person";
  return { sub: login, name: name[0]!.toUpperCase() + name.slice(1), email: `${login.replace(/[^a-z0-9.]/gi, "").toLowerCase() || "person"}@example.org`, email_verified: true };
}

/**
 * Starts the provider; `redirectUris` are the app's callback addresses. `port` 0 picks a free one;
 * `acceptAnyone` signs in any login typed at the form as a made-up verified person (local trials).
 */
export async function startTestProvider(redirectUris: string[], people: TestPerson[] = [], opts: { port?: number; acceptAnyone?: boolean } = {}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "test-key";
  const jwk = { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  const directory = new Map(people.map((p) => [p.sub, p]));
  const picture = await pictureWithGps();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ["test cookie key one", "test cookie key two"] },
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "picture", "hd"] },
    // Google puts these claims into the ID token itself; the app reads only the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      if (opts.acceptAnyone && !directory.has(sub)) directory.set(sub, madeUp(sub));
      const person = directory.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        async claims() {
          const { picture: hasPicture = true, ...claims } = person;
          return { ...claims, ...(hasPicture ? { picture: `${issuer}/pictures/${sub}.jpg` } : {}) };
        },
      };
    },
    // Consent is granted on the first sign-in, as for an app the school has approved.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const existing = ctx.oidc.session?.grantIdFor(clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });

  const state: TestProvider = {
    issuer,
    env: { GOOGLE_CLIENT_ID: TEST_CLIENT_ID, GOOGLE_CLIENT_SECRET: TEST_CLIENT_SECRET, OIDC_ISSUER: issuer, OIDC_PROVIDER_NAME: "Google" },
    people: directory,
    pictureRequests: [],
    tamperIdToken: null,
    picture,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const signingKey = createPrivateKey({ key: jwk as never, format: "jwk" });
  provider.use(async (ctx, next) => {
    const match = /^\/pictures\/([^/]+)\.jpg$/.exec(ctx.path);
    if (match) {
      state.pictureRequests.push(match[1]!);
      ctx.type = "image/jpeg";
      ctx.body = picture;
      return;
    }
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && ctx.status === 200 && state.tamperIdToken && body?.id_token) {
      const claims = JSON.parse(Buffer.from(body.id_token.split(".")[1]!, "base64url").toString()) as IdTokenClaims;
      body.id_token = signJwt(state.tamperIdToken(claims), signingKey, kid);
    }
  });
  server.on("request", provider.callback());
  return state;
}

/** A small cookie jar for following the provider's redirects outside a browser. */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/**
 * Signs `sub` in at the provider, starting from the app's authorization URL, and returns the
 * address the provider sends the browser back to (the app's callback with code and state), or
 * with `abort` the callback carrying access_denied.
 */
export async function signInAtProvider(authorizationUrl: string, sub: string, opts: { abort?: boolean } = {}): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    const interaction = /action="([^"]*\/interaction\/[^"]+)"/.exec(html);
    if (!interaction) throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    const path = new URL(interaction[1]!, origin).pathname;
    if (opts.abort) {
      url = new URL(`${path}/abort`, origin);
      continue;
    }
    const form = new URLSearchParams({ prompt: "login", login: sub, password: "any" });
    const posted = await fetch(new URL(path, origin), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    jar.store(posted);
    const after = posted.headers.get("location");
    if (!after) throw new Error(`the provider's sign-in answered ${posted.status}: ${(await posted.text()).slice(0, 300)}`);
    url = new URL(after, url);
  }
  throw new Error("too many redirects at the provider");
}
