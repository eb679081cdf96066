/** The accounts API: one function per endpoint, typed with the shared zod schemas. */
import type { z } from "zod";
import type {
  ChangeEmailBody,
  ChangePasswordBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  RegisterBody,
  SessionList,
  SignInBody,
  UpdateProfileBody,
  User,
} from "../../shared/schemas/accounts.js";
import { apiRequest, isUnauthenticated } from "./client.js";

type UserEnvelope = { user: User };

/** The signed-in user, or null for a visitor. */
export async function getMe(): Promise<User | null> {
  try {
    const { user } = await apiRequest<UserEnvelope>("GET", "/me");
    return user;
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

export async function register(body: z.input<typeof RegisterBody>): Promise<User> {
  return (await apiRequest<UserEnvelope>("POST", "/auth/register", { json: body })).user;
}

export async function signIn(body: z.input<typeof SignInBody>): Promise<User> {
  return (await apiRequest<UserEnvelope>("POST", "/auth/sign-in", { json: body })).user;
}

export function signOut(): Promise<void> {
  return apiRequest<void>("POST", "/auth/sign-out");
}

export async function updateProfile(body: z.input<typeof UpdateProfileBody>): Promise<User> {
  return (await apiRequest<UserEnvelope>("PATCH", "/me", { json: body })).user;
}

export async function uploadPicture(file: File): Promise<User> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await apiRequest<UserEnvelope>("PUT", "/me/picture", { form })).user;
}

export async function removePicture(): Promise<User> {
  return (await apiRequest<UserEnvelope>("DELETE", "/me/picture")).user;
}

export function changePassword(body: z.input<typeof ChangePasswordBody>): Promise<void> {
  return apiRequest<void>("POST", "/me/password", { json: body });
}

export async function changeEmail(body: z.input<typeof ChangeEmailBody>): Promise<void> {
  await apiRequest<unknown>("POST", "/me/email", { json: body });
}

export async function confirmEmail(token: string): Promise<User> {
  return (await apiRequest<UserEnvelope>("POST", "/auth/email/confirm", { json: { token } })).user;
}

export async function requestPasswordReset(body: z.input<typeof PasswordResetRequestBody>): Promise<void> {
  await apiRequest<unknown>("POST", "/auth/password-reset", { json: body });
}

export function confirmPasswordReset(body: z.input<typeof PasswordResetConfirmBody>): Promise<void> {
  return apiRequest<void>("POST", "/auth/password-reset/confirm", { json: body });
}

export async function listSessions(): Promise<z.infer<typeof SessionList>["sessions"]> {
  return (await apiRequest<z.infer<typeof SessionList>>("GET", "/me/sessions")).sessions;
}

export function revokeSession(id: string): Promise<void> {
  return apiRequest<void>("DELETE", `/me/sessions/${encodeURIComponent(id)}`);
}

export function revokeOtherSessions(): Promise<void> {
  return apiRequest<void>("POST", "/me/sessions/revoke-others");
}
