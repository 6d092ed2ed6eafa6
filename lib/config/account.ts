// The Alibaba Cloud account id of this installation: the account Trailkeeper's own audit events, its
// trails and its delivered file names belong to (the resource directory's management account).
// TRAILKEEPER_ACCOUNT_ID sets it; the default is the demo data's account.
export const DEFAULT_ACCOUNT_ID = "1016954307248737";

export function ownAccountId(): string {
  return process.env.TRAILKEEPER_ACCOUNT_ID?.trim() || DEFAULT_ACCOUNT_ID;
}
