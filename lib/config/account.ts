// The Alibaba Cloud account id of this installation: the account Trailkeeper's own audit events and its
// trails belong to (the resource directory's management account).
export const OWN_ACCOUNT_ID = "1016954307248737";
