/** The privacy policy API: one function per endpoint, typed with the shared schemas; and its query keys. */
import type { MyPolicyState, PolicyArchive, PolicyVersion, PublishPolicyBody } from "../../shared/schemas/privacy-policy.js";
import { apiRequest } from "./client.js";

export type { MyPolicyState, PolicyArchive, PolicyVersion, PublishPolicyBody };

/** Everything about the policy sits under one key, so publishing refreshes it all. */
export const policyKey = ["privacyPolicy"] as const;
export const currentPolicyKey = ["privacyPolicy", "current"] as const;
export const policyArchiveKey = ["privacyPolicy", "archive"] as const;
export const policyVersionKey = (id: string) => ["privacyPolicy", "version", id] as const;
export const myPolicyKey = ["privacyPolicy", "mine"] as const;

/** The version in force, or null before a first one is published. */
export async function getCurrentPolicy(): Promise<PolicyVersion | null> {
  return (await apiRequest<{ version: PolicyVersion | null }>("GET", "/privacy-policy")).version;
}

export function getPolicyArchive(): Promise<PolicyArchive> {
  return apiRequest<PolicyArchive>("GET", "/privacy-policy/versions");
}

export async function getPolicyVersion(id: string): Promise<PolicyVersion> {
  return (await apiRequest<{ version: PolicyVersion }>("GET", `/privacy-policy/versions/${encodeURIComponent(id)}`)).version;
}

export async function publishPolicy(body: PublishPolicyBody): Promise<PolicyVersion> {
  return (await apiRequest<{ version: PolicyVersion }>("POST", "/privacy-policy/versions", { json: body })).version;
}

/** Markdown rendered and sanitised by the server, exactly as a published version would be. */
export async function previewPolicy(markdown: string): Promise<string> {
  return (await apiRequest<{ html: string }>("POST", "/privacy-policy/preview", { json: { markdown } })).html;
}

export async function getMyPolicyState(): Promise<MyPolicyState> {
  return (await apiRequest<{ state: MyPolicyState }>("GET", "/me/privacy-policy")).state;
}

export async function acknowledgePolicy(versionId: string): Promise<MyPolicyState> {
  return (await apiRequest<{ state: MyPolicyState }>("POST", "/me/privacy-policy/acknowledge", { json: { versionId } })).state;
}

export async function dismissPolicyBanner(versionId: string): Promise<MyPolicyState> {
  return (await apiRequest<{ state: MyPolicyState }>("POST", "/me/privacy-policy/dismiss", { json: { versionId } })).state;
}
