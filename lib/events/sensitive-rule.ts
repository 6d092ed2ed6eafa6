// The sensitive-operation rule: the default catalogue of event names (administrators edit the stored copy)
// and the rules that flag an event whatever the catalogue says.

export interface SensitiveEventName {
  eventName: string;
  reason: string;
}

/**
 * Default sensitive-operation catalogue. Administrators may edit it (it is seeded into the store as data).
 * Matching is by eventName only, whatever the service. Every name here is an event of lib/catalog/services-data.ts
 * or a real ActionTrail/RAM event name (DetachPolicyFromGroup, DeleteGroup), or Trailkeeper's own
 * DeleteSensitiveAction (shrinking this catalogue hides what it used to flag).
 *
 * Two rules add to the entries (sensitiveByRule): a console sign-in that FAILED (it carries an errorCode;
 * a successful one is routine, so ConsoleSignin is deliberately not an entry) and any use of the root
 * account (userIdentity.type "root-account"), which day-to-day work should never need.
 */
export const DEFAULT_SENSITIVE_EVENT_NAMES: readonly SensitiveEventName[] = [
  // Deleting or stopping compute, storage and database resources.
  { eventName: "DeleteInstance", reason: "Releases an instance" },
  { eventName: "DeleteInstances", reason: "Releases instances" },
  { eventName: "StopInstance", reason: "Stops an instance" },
  { eventName: "StopInstances", reason: "Stops instances" },
  { eventName: "ReplaceSystemDisk", reason: "Replaces an instance's system disk, erasing it" },
  { eventName: "DeleteDisk", reason: "Releases a disk" },
  { eventName: "DeleteSnapshot", reason: "Deletes a snapshot" },
  { eventName: "DeleteImage", reason: "Deletes an image" },
  { eventName: "DeleteSecurityGroup", reason: "Deletes a security group" },
  { eventName: "DeleteKeyPairs", reason: "Deletes SSH key pairs" },
  { eventName: "DeleteBucket", reason: "Deletes an OSS bucket" },
  { eventName: "DeleteDBInstance", reason: "Releases a database instance" },
  { eventName: "DeleteDatabase", reason: "Drops a database" },
  { eventName: "FlushInstance", reason: "Flushes all data of a Redis instance" },
  { eventName: "DeleteVpc", reason: "Deletes a VPC" },
  { eventName: "DeleteVSwitch", reason: "Deletes a vSwitch" },
  { eventName: "DeleteNatGateway", reason: "Deletes a NAT gateway" },
  { eventName: "ReleaseEipAddress", reason: "Releases an elastic IP address" },
  { eventName: "DeleteLoadBalancer", reason: "Releases a load balancer" },
  { eventName: "DeleteCluster", reason: "Deletes a cluster" },
  { eventName: "DeleteScalingGroup", reason: "Deletes a scaling group" },
  { eventName: "DeleteFunction", reason: "Deletes a function" },
  { eventName: "DeleteFileSystem", reason: "Deletes a file system" },
  { eventName: "DeleteProject", reason: "Deletes a log project" },
  { eventName: "DeleteLogStore", reason: "Deletes a Logstore and its logs" },
  { eventName: "DeleteDeployment", reason: "Deletes a Flink deployment" },
  { eventName: "DeleteStack", reason: "Deletes a stack and its resources" },
  { eventName: "DeleteRepository", reason: "Deletes an image repository" },
  { eventName: "DeleteCdnDomain", reason: "Removes a CDN domain" },
  { eventName: "StopCdnDomain", reason: "Stops a CDN domain" },
  { eventName: "DeleteDomain", reason: "Removes a DNS or WAF domain" },
  { eventName: "DeleteCen", reason: "Deletes a Cloud Enterprise Network" },
  { eventName: "DeleteResourceGroup", reason: "Deletes a resource group" },
  { eventName: "RemoveCloudAccount", reason: "Removes a member account from the resource directory" },
  { eventName: "DeleteConfigRules", reason: "Deletes compliance rules" },
  { eventName: "DeleteAccount", reason: "Deletes a member account of the resource directory" },
  { eventName: "DeleteClusterNodepool", reason: "Deletes a node pool and its nodes" },
  { eventName: "StopLoadBalancerListener", reason: "Stops a load balancer listener, cutting its traffic" },
  { eventName: "DeleteBucketEncryption", reason: "Turns off an OSS bucket's server-side encryption" },
  // Keys and secrets.
  { eventName: "ScheduleKeyDeletion", reason: "Schedules a KMS key for deletion" },
  { eventName: "DisableKey", reason: "Disables a KMS key" },
  { eventName: "DeleteSecret", reason: "Deletes a secret" },
  // AccessKeys, identities and policies.
  { eventName: "CreateAccessKey", reason: "Creates an AccessKey pair" },
  { eventName: "DeleteAccessKey", reason: "Deletes an AccessKey pair" },
  { eventName: "UpdateAccessKey", reason: "Changes the status of an AccessKey pair" },
  { eventName: "DeleteUser", reason: "Deletes a RAM user" },
  { eventName: "DeleteRole", reason: "Deletes a RAM role" },
  { eventName: "UpdateRole", reason: "Changes a RAM role's trust policy" },
  { eventName: "AttachPolicyToUser", reason: "Grants a policy to a RAM user" },
  { eventName: "AttachPolicyToRole", reason: "Grants a policy to a RAM role" },
  { eventName: "AttachPolicyToGroup", reason: "Grants a policy to a RAM user group" },
  { eventName: "DetachPolicyFromUser", reason: "Revokes a policy from a RAM user" },
  { eventName: "DetachPolicyFromRole", reason: "Revokes a policy from a RAM role" },
  { eventName: "DetachPolicyFromGroup", reason: "Revokes a policy from a RAM user group" },
  { eventName: "AttachPolicy", reason: "Grants a policy at the resource-group or account level" },
  { eventName: "DetachPolicy", reason: "Revokes a policy at the resource-group or account level" },
  { eventName: "CreatePolicyVersion", reason: "Changes a policy document" },
  { eventName: "SetDefaultPolicyVersion", reason: "Changes the effective policy version" },
  { eventName: "DeletePolicyVersion", reason: "Deletes a policy version" },
  { eventName: "DeletePolicy", reason: "Deletes a policy" },
  { eventName: "DeleteGroup", reason: "Deletes a RAM user group" },
  { eventName: "CreateLoginProfile", reason: "Enables console sign-in for a RAM user" },
  { eventName: "UpdateLoginProfile", reason: "Changes a RAM user's console password or sign-in settings" },
  { eventName: "DeleteLoginProfile", reason: "Disables console sign-in for a RAM user" },
  { eventName: "UnbindMFADevice", reason: "Removes a RAM user's MFA device" },
  { eventName: "SetPasswordPolicy", reason: "Changes the account password policy" },
  { eventName: "PutBucketPolicy", reason: "Changes an OSS bucket policy" },
  { eventName: "DeleteBucketPolicy", reason: "Removes an OSS bucket policy" },
  // Audit trail tampering.
  { eventName: "DeleteTrail", reason: "Deletes a trail" },
  { eventName: "StopLogging", reason: "Stops a trail's logging" },
  { eventName: "UpdateTrail", reason: "Changes a trail's delivery" },
  { eventName: "DeleteDeliveryHistoryJob", reason: "Deletes a historical event delivery job" },
  { eventName: "DeleteSensitiveAction", reason: "Removes an entry from this sensitive-operation catalogue" },
  // Opening network access.
  { eventName: "AuthorizeSecurityGroup", reason: "Opens inbound access in a security group" },
  { eventName: "AllocateInstancePublicConnection", reason: "Exposes a database on a public endpoint" },
  { eventName: "ResetAccountPassword", reason: "Resets a database account's password" },
];

/** The event name (and event type) of console sign-ins, sensitive only when they failed. */
export const CONSOLE_SIGNIN = "ConsoleSignin";

/** userIdentity.type of the account owner's own credentials (seed generator, CLI self-audit). */
export const ROOT_ACCOUNT = "root-account";

const DEFAULT_SENSITIVE_SET: ReadonlySet<string> = new Set(DEFAULT_SENSITIVE_EVENT_NAMES.map((s) => s.eventName));

/** What the rules look at besides the event name. */
export interface SensitivityFacts {
  errorCode?: string | null;
  eventType?: string | null;
  userType?: string | null;
}

/**
 * The rules that flag an event whatever the catalogue says: a failed console sign-in, or root-account use.
 * lib/events/sensitive-catalog.ts has it in SQL (RULE_SQL) to re-flag stored events; a test runs both on one
 * table of cases (tests/integration/rule-twins.test.ts).
 */
export function sensitiveByRule(eventName: string, facts: SensitivityFacts): boolean {
  const signin = eventName === CONSOLE_SIGNIN || facts.eventType === CONSOLE_SIGNIN;
  return (signin && !!facts.errorCode) || facts.userType === ROOT_ACCOUNT;
}

/**
 * Whether an event is sensitive under the default catalogue: its name is in the catalogue, or a rule
 * flags it (a ConsoleSignin that failed, root-account use).
 */
export function isSensitiveByDefault(eventName: string, errorCode?: string | null, facts: Omit<SensitivityFacts, "errorCode"> = {}): boolean {
  return isSensitiveIn(DEFAULT_SENSITIVE_SET, eventName, { ...facts, errorCode });
}

/** Same rule against any catalogue (e.g. the administrator-edited one loaded from the store). */
export function isSensitiveIn(catalogue: ReadonlySet<string>, eventName: string, facts: SensitivityFacts = {}): boolean {
  return catalogue.has(eventName) || sensitiveByRule(eventName, facts);
}
