/** The tables of the privacy-policy module (issue 7), created by migration 0006_privacy_policy. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PrivacyPolicyTables {}
