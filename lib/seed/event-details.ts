// Static per-event details for generated events: extra request parameters and realistic error codes.

/** Request parameters added to particular events, beyond RegionId and the resource ids. */
export const EXTRA_PARAMS: Record<string, Record<string, unknown>> = {
  RunInstances: { InstanceType: "ecs.g7.xlarge", ImageId: "aliyun_3_x64_20G_alibase_20240528.vhd", Amount: 1, InstanceChargeType: "PostPaid" },
  CreateInstance: { InstanceType: "ecs.c7.large", ImageId: "ubuntu_22_04_x64_20G_alibase_20240508.vhd" },
  StopInstance: { ForceStop: false, StoppedMode: "KeepCharging" },
  RebootInstance: { ForceStop: false },
  DeleteInstance: { Force: true },
  ModifyInstanceSpec: { InstanceType: "ecs.g7.2xlarge" },
  RunCommand: { Type: "RunShellScript", CommandContent: "c3lzdGVtY3RsIHJlc3RhcnQgYXBw", Timeout: 60 },
  AuthorizeSecurityGroup: { IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: "0.0.0.0/0", Policy: "accept", Priority: "1" },
  RevokeSecurityGroup: { IpProtocol: "tcp", PortRange: "3389/3389", SourceCidrIp: "0.0.0.0/0" },
  CreateSnapshot: { SnapshotName: "auto-daily", RetentionDays: 7 },
  UpdateAccessKey: { Status: "Inactive" },
  AttachPolicyToUser: { PolicyType: "System" },
  AttachPolicyToRole: { PolicyType: "Custom" },
  CreatePolicyVersion: { SetAsDefault: true, PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}' },
  CreateLoginProfile: { MFABindRequired: true, PasswordResetRequired: true },
  UpdateLoginProfile: { PasswordResetRequired: false },
  AssumeRole: { DurationSeconds: 3600, RoleSessionName: "session" },
  LookupEvents: { MaxResults: 50 },
  CreateTrail: { OssBucketName: "actiontrail-audit-cn-hangzhou", EventRW: "All", TrailRegion: "All" },
  UpdateTrail: { EventRW: "Write", SlsWriteRoleArn: "acs:ram::1016954307248737:role/aliyunserviceroleforactiontrail" },
  ScheduleKeyDeletion: { PendingWindowInDays: 7 },
  GetSecretValue: { VersionStage: "ACSCurrent" },
  ModifySecurityIps: { SecurityIps: "10.0.0.0/8,42.120.75.0/24", ModifyMode: "Append" },
  AllocateInstancePublicConnection: { ConnectionStringPrefix: "prod-orders-pub", Port: "3306" },
  CreateDBInstance: { Engine: "MySQL", EngineVersion: "8.0", DBInstanceClass: "mysql.n4.large.2c", DBInstanceStorage: 100 },
  RefreshObjectCaches: { ObjectPath: "https://static.acme-shop.com/app/", ObjectType: "Directory" },
  AddDomainRecord: { RR: "_acme-challenge", Type: "TXT" },
  PutBucket: { "x-oss-acl": "private", StorageClass: "Standard" },
  PutBucketPolicy: { Policy: '{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Principal":["*"]}]}' },
};

/** The "does not exist" error code of each resource type. */
export const NOT_FOUND: Record<string, string> = {
  "ACS::ECS::Instance": "InvalidInstanceId.NotFound", "ACS::ECS::SecurityGroup": "InvalidSecurityGroupId.NotFound",
  "ACS::ECS::Disk": "InvalidDiskId.NotFound", "ACS::ECS::Snapshot": "InvalidSnapshotId.NotFound",
  "ACS::ECS::Image": "InvalidImageId.NotFound", "ACS::RDS::DBInstance": "InvalidDBInstanceId.NotFound",
  "ACS::VPC::VPC": "InvalidVpcId.NotFound", "ACS::VPC::VSwitch": "InvalidVSwitchId.NotFound",
  "ACS::SLB::LoadBalancer": "InvalidLoadBalancerId.NotFound", "ACS::KMS::Key": "Forbidden.KeyNotFound",
  "ACS::KMS::Secret": "Forbidden.ResourceNotFound", "ACS::RAM::User": "EntityNotExist.User",
  "ACS::RAM::Role": "EntityNotExist.Role", "ACS::RAM::Policy": "EntityNotExist.Policy", "ACS::RAM::Group": "EntityNotExist.Group",
  "ACS::RAM::AccessKey": "EntityNotExist.User.AccessKey", "ACS::OSS::Bucket": "NoSuchBucket",
  "ACS::ActionTrail::Trail": "TrailNotFoundException", "ACS::CS::Cluster": "ErrorClusterNotFound",
  "ACS::KVSTORE::Instance": "InvalidInstanceId.NotFound", "ACS::DDS::DBInstance": "InvalidDBInstanceId.NotFound",
  "ACS::VPC::EIP": "InvalidAllocationId.NotFound", "ACS::VPC::NatGateway": "InvalidNatGatewayId.NotFound",
  "ACS::VPC::RouteTable": "InvalidRouteTableId.NotFound", "ACS::ESS::ScalingGroup": "InvalidScalingGroupId.NotFound",
  "ACS::FC::Function": "FunctionNotFound", "ACS::SLS::Project": "ProjectNotExist", "ACS::SLS::LogStore": "LogStoreNotExist",
  "ACS::CDN::Domain": "InvalidDomain.NotFound", "ACS::DNS::Domain": "InvalidDomainName.NoExist", "ACS::ROS::Stack": "StackNotFound",
  "ACS::Config::ConfigRule": "ConfigRuleNotExists", "ACS::RealtimeCompute::Deployment": "DeploymentNotFound",
};

export const ERROR_MESSAGES: Record<string, string> = {
  "Forbidden.RAM": "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
  "Throttling.User": "Request was denied due to user flow control.",
  InvalidParameter: "The specified parameter is not valid.",
  MissingParameter: "A required parameter is missing.",
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
  InternalError: "The request processing has failed due to some unknown error, exception or failure.",
  "InvalidAccessKeyId.NotFound": "Specified access key is not found.",
  SignatureDoesNotMatch: "Specified signature is not matched with our calculation.",
  IncorrectInstanceStatus: "The current status of the resource does not support this operation.",
  IncorrectDBInstanceState: "Current DB instance state does not support this operation.",
  "QuotaExceed.ElasticQuota": "The number of vCPUs of the instance type exceeds the quota in the region.",
  QuotaExceeded: "The quota of the resource has been exceeded.",
  DependencyViolation: "The specified resource has dependent resources and cannot be deleted.",
  AccessDenied: "You have no right to access this object because of bucket acl.",
  NoSuchBucket: "The specified bucket does not exist.",
  BucketAlreadyExists: "The requested bucket name is not available.",
  "Forbidden.KeyNotFound": "The specified Key is not found.",
  "Forbidden.ResourceNotFound": "The resource is not found.",
  TrailNotFoundException: "The specified trail does not exist.",
  ErrorClusterNotFound: "The specified cluster is not found.",
  FunctionNotFound: "The specified function does not exist.",
  ProjectNotExist: "The Project does not exist.",
  LogStoreNotExist: "The logstore does not exist.",
  "InvalidDomainName.NoExist": "The specified domain name does not exist.",
  StackNotFound: "The specified stack does not exist.",
  ConfigRuleNotExists: "The config rule does not exist.",
  DeploymentNotFound: "The deployment does not exist.",
  InvalidPassword: "The password is incorrect.",
  UserNotFound: "The specified user does not exist.",
  InvalidMFACode: "The MFA code is incorrect.",
};

export function errorMessage(code: string): string {
  const m = ERROR_MESSAGES[code];
  if (m) return m;
  if (code.endsWith(".NotFound")) return `The specified ${code.split(".")[0].replace(/^Invalid/, "")} does not exist.`;
  if (code.startsWith("EntityNotExist.")) return `The ${code.slice(15).toLowerCase()} does not exist.`;
  if (code.startsWith("EntityAlreadyExists.")) return `The ${code.slice(20).toLowerCase()} already exists.`;
  return "The request has failed.";
}
