// Raw service catalogue data; see the notation described at the top of ./services.ts.
export type ResSpec = Record<string, [type: string, param: string, format: string]>;
export interface RawService {
  code: string;
  name: string;
  source: string;
  api: string;
  global?: boolean;
  regions?: string[];
  res: ResSpec;
  ev: string;
}

export const RAW_SERVICES: RawService[] = [
  {
    code: "Ecs", name: "Elastic Compute Service", source: "ecs.aliyuncs.com", api: "2014-05-26",
    res: {
      Instance: ["ACS::ECS::Instance", "InstanceId", "reg:i-:17"],
      SecurityGroup: ["ACS::ECS::SecurityGroup", "SecurityGroupId", "reg:sg-:17"],
      Disk: ["ACS::ECS::Disk", "DiskId", "reg:d-:17"],
      Snapshot: ["ACS::ECS::Snapshot", "SnapshotId", "reg:s-:17"],
      Image: ["ACS::ECS::Image", "ImageId", "reg:m-:17"],
      KeyPair: ["ACS::ECS::KeyPair", "KeyPairName", "names:ops-keypair,deploy-key,bastion-key,{region}-default"],
      Eni: ["ACS::ECS::NetworkInterface", "NetworkInterfaceId", "reg:eni-:17"],
    },
    ev: `R:DescribeInstances*40 R:DescribeInstanceAttribute@Instance*8 R:DescribeInstanceStatus*10 R:DescribeDisks*10
      R:DescribeSecurityGroups*8 R:DescribeSecurityGroupAttribute@SecurityGroup*4 R:DescribeImages*6 R:DescribeSnapshots*4
      R:DescribeRegions*3 R:DescribeInstanceTypes*2 R:DescribeKeyPairs*1 R:DescribeNetworkInterfaces*3
      R:DescribeInstanceVncUrl@Instance*0.5 R:DescribeInvocationResults@Instance*2
      W:RunInstances@Instance+SecurityGroup*1.5 W:CreateInstance@Instance*0.4 W:StartInstance@Instance*2 W:StopInstance@Instance*1
      W:StopInstances@Instance*0.3 W:RebootInstance@Instance*1.5 W:DeleteInstance@Instance*0.4 W:DeleteInstances@Instance*0.2
      W:ModifyInstanceAttribute@Instance*1 W:ModifyInstanceSpec@Instance*0.3 W:ReplaceSystemDisk@Instance*0.1
      W:RenewInstance@Instance*0.2 W:TagResources@Instance*0.6 W:RunCommand@Instance*1.2
      W:CreateSecurityGroup@SecurityGroup*0.2 W:AuthorizeSecurityGroup@SecurityGroup*0.8 W:RevokeSecurityGroup@SecurityGroup*0.5
      W:DeleteSecurityGroup@SecurityGroup*0.1 W:CreateSnapshot@Snapshot+Disk*1.5 W:DeleteSnapshot@Snapshot*0.6
      W:CreateDisk@Disk*0.4 W:AttachDisk@Disk+Instance*0.4 W:DetachDisk@Disk+Instance*0.3 W:ResizeDisk@Disk*0.2 W:DeleteDisk@Disk*0.2
      W:CreateImage@Image+Instance*0.3 W:DeleteImage@Image*0.1 W:ImportKeyPair@KeyPair*0.1 W:DeleteKeyPairs@KeyPair*0.05
      W:CreateNetworkInterface@Eni*0.2 W:AttachNetworkInterface@Eni+Instance*0.2`,
  },
  {
    code: "Ram", name: "Resource Access Management", source: "ram.aliyuncs.com", api: "2015-05-01", global: true,
    res: {
      User: ["ACS::RAM::User", "UserName", "users"],
      AccessKey: ["ACS::RAM::AccessKey", "UserAccessKeyId", "accessKeys"],
      Role: ["ACS::RAM::Role", "RoleName", "names:ops-admin-role,terraform-deploy-role,readonly-auditor-role,k8s-ci-oidc-role,ecs-app-instance-role,sso-developer-role"],
      Policy: ["ACS::RAM::Policy", "PolicyName", "names:AdministratorAccess,ReadOnlyAccess,AliyunECSFullAccess,AliyunOSSReadOnlyAccess,AliyunRAMFullAccess,AliyunActionTrailFullAccess,ci-deploy-policy,oss-logs-write,kms-decrypt-app,deny-delete-prod"],
      Group: ["ACS::RAM::Group", "GroupName", "names:sre,developers,data-team,security,auditors,admins"],
    },
    ev: `R:ListUsers*8 R:GetUser@User*6 R:ListAccessKeys@User*5 R:ListPolicies*5 R:GetPolicy@Policy*3 R:ListRoles*4
      R:GetRole@Role*3 R:ListPoliciesForUser@User*4 R:ListPoliciesForRole@Role*2 R:ListGroups*2 R:ListEntitiesForPolicy@Policy*1
      R:GetPasswordPolicy*0.5 R:GetLoginProfile@User*1 R:ListGroupsForUser@User*1 R:GetPolicyVersion@Policy*1 R:ListVirtualMFADevices*0.5
      W:CreateUser@User*0.6 W:UpdateUser@User*0.3 W:DeleteUser@User*0.15 W:CreateAccessKey@User+AccessKey*0.3
      W:UpdateAccessKey@AccessKey+User*0.15 W:DeleteAccessKey@AccessKey+User*0.2 W:AttachPolicyToUser@Policy+User*0.5
      W:DetachPolicyFromUser@Policy+User*0.3 W:AttachPolicyToRole@Policy+Role*0.3 W:DetachPolicyFromRole@Policy+Role*0.2
      W:AttachPolicyToGroup@Policy+Group*0.2 W:CreatePolicy@Policy*0.3 W:DeletePolicy@Policy*0.1 W:CreatePolicyVersion@Policy*0.3
      W:SetDefaultPolicyVersion@Policy*0.15 W:DeletePolicyVersion@Policy*0.1 W:CreateRole@Role*0.2 W:UpdateRole@Role*0.1
      W:DeleteRole@Role*0.05 W:CreateGroup@Group*0.1 W:AddUserToGroup@User+Group*0.3 W:RemoveUserFromGroup@User+Group*0.1
      W:CreateLoginProfile@User*0.2 W:UpdateLoginProfile@User*0.2 W:DeleteLoginProfile@User*0.05 W:BindMFADevice@User*0.1
      W:UnbindMFADevice@User*0.05 W:SetPasswordPolicy*0.02`,
  },
  {
    code: "Oss", name: "Object Storage Service", source: "oss-{region}.aliyuncs.com", api: "2019-05-17",
    res: { Bucket: ["ACS::OSS::Bucket", "BucketName", "names:acme-prod-assets-{region},acme-logs-{region},acme-backup-{region},acme-data-lake-{region},actiontrail-audit-{region},acme-static-web"] },
    ev: `R:GetBucketInfo@Bucket*10 R:GetBucketAcl@Bucket*4 R:GetBucketLocation@Bucket*6 R:GetBucketStat@Bucket*4
      R:GetBucketLifecycle@Bucket*2 R:GetBucketPolicy@Bucket*2 R:GetBucketCors@Bucket*2 R:GetBucketLog@Bucket*1
      R:GetBucketReferer@Bucket*1 R:GetBucketVersioning@Bucket*2 R:GetBucketEncryption@Bucket*1 R:GetBucketTagging@Bucket*2
      R:GetBucketWebSite@Bucket*0.5 R:GetBucketReplication@Bucket*0.5 R:GetBucketWorm@Bucket*0.3
      W:PutBucket@Bucket*0.3 W:DeleteBucket@Bucket*0.1 W:PutBucketCors@Bucket*0.3 W:PutBucketEncryption@Bucket*0.2
      W:PutBucketLifecycle@Bucket*0.5 W:PutBucketLog@Bucket*0.2 W:PutBucketPolicy@Bucket*0.2 W:PutBucketReferer@Bucket*0.2
      W:PutBucketReplication@Bucket*0.1 W:PutBucketTagging@Bucket*0.4 W:PutBucketVersioning@Bucket*0.2 W:PutBucketWebSite@Bucket*0.1
      W:DeleteBucketPolicy@Bucket*0.1 W:DeleteBucketLifecycle@Bucket*0.1 W:DeleteBucketCors@Bucket*0.1
      W:DeleteBucketTagging@Bucket*0.1 W:DeleteBucketEncryption@Bucket*0.05 W:DeleteBucketReplication@Bucket*0.05`,
  },
  {
    code: "Rds", name: "ApsaraDB RDS", source: "rds.aliyuncs.com", api: "2014-08-15",
    res: { DBInstance: ["ACS::RDS::DBInstance", "DBInstanceId", "reg:rm-:14"] },
    ev: `R:DescribeDBInstances*15 R:DescribeDBInstanceAttribute@DBInstance*6 R:DescribeDBInstancePerformance@DBInstance*4
      R:DescribeBackups@DBInstance*3 R:DescribeDatabases@DBInstance*3 R:DescribeAccounts@DBInstance*2
      R:DescribeDBInstanceIPArrayList@DBInstance*2 R:DescribeSlowLogs@DBInstance*2 R:DescribeParameters@DBInstance*1
      W:CreateDBInstance@DBInstance*0.2 W:DeleteDBInstance@DBInstance*0.05 W:RestartDBInstance@DBInstance*0.3
      W:ModifyDBInstanceSpec@DBInstance*0.2 W:ModifySecurityIps@DBInstance*0.4 W:CreateAccount@DBInstance*0.3
      W:DeleteAccount@DBInstance*0.1 W:ResetAccountPassword@DBInstance*0.15 W:GrantAccountPrivilege@DBInstance*0.2
      W:CreateDatabase@DBInstance*0.2 W:DeleteDatabase@DBInstance*0.05 W:CreateBackup@DBInstance*0.5
      W:ModifyBackupPolicy@DBInstance*0.1 W:AllocateInstancePublicConnection@DBInstance*0.05`,
  },
  {
    code: "Vpc", name: "Virtual Private Cloud", source: "vpc.aliyuncs.com", api: "2016-04-28",
    res: {
      VPC: ["ACS::VPC::VPC", "VpcId", "reg:vpc-:17"],
      VSwitch: ["ACS::VPC::VSwitch", "VSwitchId", "reg:vsw-:17"],
      EIP: ["ACS::VPC::EIP", "AllocationId", "reg:eip-:17"],
      NatGateway: ["ACS::VPC::NatGateway", "NatGatewayId", "reg:ngw-:17"],
      RouteTable: ["ACS::VPC::RouteTable", "RouteTableId", "reg:vtb-:17"],
    },
    ev: `R:DescribeVpcs*10 R:DescribeVpcAttribute@VPC*3 R:DescribeVSwitches*10 R:DescribeVSwitchAttributes@VSwitch*3
      R:DescribeEipAddresses*5 R:DescribeNatGateways*3 R:DescribeRouteTableList*2 R:DescribeRouteEntryList@RouteTable*2
      W:CreateVpc@VPC*0.2 W:DeleteVpc@VPC*0.05 W:ModifyVpcAttribute@VPC*0.2 W:CreateVSwitch@VSwitch+VPC*0.3
      W:DeleteVSwitch@VSwitch*0.1 W:AllocateEipAddress@EIP*0.3 W:AssociateEipAddress@EIP*0.4 W:UnassociateEipAddress@EIP*0.2
      W:ReleaseEipAddress@EIP*0.1 W:CreateNatGateway@NatGateway+VPC*0.05 W:DeleteNatGateway@NatGateway*0.02
      W:CreateRouteEntry@RouteTable*0.2 W:DeleteRouteEntry@RouteTable*0.1 W:CreateSnatEntry@NatGateway*0.1`,
  },
  {
    code: "Slb", name: "Classic Load Balancer", source: "slb.aliyuncs.com", api: "2014-05-15",
    res: { LoadBalancer: ["ACS::SLB::LoadBalancer", "LoadBalancerId", "reg:lb-:17"] },
    ev: `R:DescribeLoadBalancers*10 R:DescribeLoadBalancerAttribute@LoadBalancer*5 R:DescribeHealthStatus@LoadBalancer*6
      R:DescribeLoadBalancerListeners@LoadBalancer*3 R:DescribeServerCertificates*1 R:DescribeVServerGroups@LoadBalancer*2
      W:CreateLoadBalancer@LoadBalancer*0.2 W:DeleteLoadBalancer@LoadBalancer*0.05 W:SetLoadBalancerStatus@LoadBalancer*0.1
      W:AddBackendServers@LoadBalancer*0.6 W:RemoveBackendServers@LoadBalancer*0.4 W:SetBackendServers@LoadBalancer*0.3
      W:CreateLoadBalancerHTTPSListener@LoadBalancer*0.1 W:SetLoadBalancerHTTPSListenerAttribute@LoadBalancer*0.1
      W:StartLoadBalancerListener@LoadBalancer*0.1 W:StopLoadBalancerListener@LoadBalancer*0.05
      W:DeleteLoadBalancerListener@LoadBalancer*0.03 W:UploadServerCertificate*0.05`,
  },
  {
    code: "Kms", name: "Key Management Service", source: "kms.aliyuncs.com", api: "2016-01-20",
    res: {
      Key: ["ACS::KMS::Key", "KeyId", "uuid"],
      Secret: ["ACS::KMS::Secret", "SecretName", "names:prod/db/orders,prod/db/users,prod/api/payment-gateway,ci/registry-token,app/jwt-signing"],
    },
    ev: `R:ListKeys*5 R:DescribeKey@Key*5 R:ListAliases*2 R:GetSecretValue@Secret*15 R:ListSecrets*2 R:DescribeSecret@Secret*2
      R:GetPublicKey@Key*1 R:ListKeyVersions@Key*1 R:Decrypt@Key*8 R:Encrypt@Key*3 R:GenerateDataKey@Key*4
      W:CreateKey@Key*0.1 W:CreateAlias@Key*0.1 W:EnableKey@Key*0.05 W:DisableKey@Key*0.03 W:ScheduleKeyDeletion@Key*0.02
      W:CancelKeyDeletion@Key*0.01 W:UpdateRotationPolicy@Key*0.05 W:CreateKeyVersion@Key*0.05 W:CreateSecret@Secret*0.1
      W:PutSecretValue@Secret*0.3 W:DeleteSecret@Secret*0.03 W:RotateSecret@Secret*0.1 W:UpdateSecret@Secret*0.05`,
  },
  {
    code: "DataWorks", name: "DataWorks", source: "dataworks.aliyuncs.com", api: "2020-05-18",
    res: {
      Project: ["ACS::DataWorks::Project", "ProjectIdentifier", "names:dw_prod_etl,dw_dev_sandbox,dw_finance_dm,dw_marketing_ods,dw_risk_rt"],
      File: ["ACS::DataWorks::File", "FileId", "num:5:9"],
    },
    ev: `R:ListProjects*3 R:GetProject@Project*3 R:listProjectResourceGroups@Project*2 R:ListFiles@Project*4 R:GetFile@File+Project*2
      R:ListNodes@Project*2 R:ListInstances@Project*3 R:GetInstanceLog@Project*1
      W:CreateFile@File+Project*0.3 W:UpdateFile@File+Project*0.5 W:DeleteFile@File+Project*0.05 W:SubmitFile@File+Project*0.3
      W:DeployFile@File+Project*0.3 W:RunCycleDagNodes@Project*0.2 W:RestartInstance@Project*0.2 W:SuspendInstance@Project*0.05
      W:CreateDISyncTask@Project*0.05 W:CreateProjectMember@Project*0.05 W:DeleteProjectMember@Project*0.02`,
  },
  {
    code: "RealtimeCompute", name: "Realtime Compute for Apache Flink", source: "RealtimeCompute", api: "2022-07-18",
    res: { Deployment: ["ACS::RealtimeCompute::Deployment", "DeploymentId", "uuidn:guiyuan-kafka-writer,orders-enrichment,clickstream-agg,cdc-mysql-to-hologres,fraud-score-rt,inventory-sync,ad-impressions-1m"] },
    ev: `R:ListDeployments*5 R:GetDeployment@Deployment*4 R:ListJobs@Deployment*3 R:GetJob@Deployment*2
      R:ListSavepoints@Deployment*1 R:ListVariables*0.5 R:ListEngineVersionMetadata*0.3
      W:CreateDeployment@Deployment*0.1 W:UpdateDeployment@Deployment*0.3 W:DeleteDeployment@Deployment*0.03
      W:StartJobWithParams@Deployment*0.3 W:StopJob@Deployment*0.2 W:CreateSavepoint@Deployment*0.2
      W:CreateVariable*0.03 W:DeleteVariable*0.01`,
  },
  {
    code: "Actiontrail", name: "ActionTrail", source: "actiontrail.aliyuncs.com", api: "2020-07-06",
    res: {
      Trail: ["ACS::ActionTrail::Trail", "Name", "names:prod-audit-trail,security-trail,compliance-oss-trail,sls-realtime-trail"],
      Job: ["ACS::ActionTrail::DeliveryHistoryJob", "JobId", "num:1:5"],
    },
    ev: `R:LookupEvents*15 R:DescribeTrails*5 R:GetTrailStatus@Trail*4 R:DescribeRegions*1 R:DescribeSupportedServices*0.5
      R:ListDeliveryHistoryJobs*0.5 R:GetDeliveryHistoryJob@Job*0.3 R:GetAccessKeyLastUsedInfo*1 R:GetAccessKeyLastUsedEvents*0.5
      R:GetAccessKeyLastUsedIps*0.5 R:GetAccessKeyLastUsedProducts*0.3 R:GetAccessKeyLastUsedResources*0.3
      R:LookupInsightEvents*0.5 R:GetEventsCount*1 R:ListEventNames*0.5 R:DescribeScenes*0.3 R:DescribeSearchTemplates*0.3
      R:GetDefaultTrail*0.3 R:GetInsightSelectors@Trail*0.2 R:DescribeInsightEnabledTrails*0.2 R:ListProductResourceType*0.3
      R:DescribeResourceLifeCycleEvents*0.3
      W:CreateTrail@Trail*0.1 W:UpdateTrail@Trail*0.1 W:DeleteTrail@Trail*0.03 W:StartLogging@Trail*0.1 W:StopLogging@Trail*0.03
      W:CreateDeliveryHistoryJob@Job*0.05 W:DeleteDeliveryHistoryJob@Job*0.02 W:PutInsightSelectors@Trail*0.02
      W:ModifyInsightStrategy*0.02 W:SetDefaultTrail@Trail*0.02 W:CreateServiceLinkedRole*0.01`,
  },
  {
    code: "Sts", name: "Security Token Service", source: "sts.aliyuncs.com", api: "2015-04-01", global: true,
    res: { Role: ["ACS::RAM::Role", "RoleArn", "names:acs:ram::1016954307248737:role/ops-admin-role,acs:ram::1016954307248737:role/terraform-deploy-role,acs:ram::1016954307248737:role/readonly-auditor-role,acs:ram::1016954307248737:role/k8s-ci-oidc-role"] },
    ev: `R:GetCallerIdentity*3 W:AssumeRole@Role*6 W:AssumeRoleWithSAML@Role*0.3 W:AssumeRoleWithOIDC@Role*0.5`,
  },
  {
    code: "Cms", name: "CloudMonitor", source: "metrics.aliyuncs.com", api: "2019-01-01",
    res: {
      AlarmRule: ["ACS::CMS::AlarmRule", "RuleId", "uuid"],
      Group: ["ACS::CMS::MonitorGroup", "GroupId", "num:2:8"],
    },
    ev: `R:DescribeMetricList*20 R:DescribeMetricLast*10 R:DescribeMetricData*5 R:DescribeMetricRuleList*4
      R:DescribeAlertHistoryList*2 R:DescribeMonitorGroups*2 R:DescribeContactList*1 R:DescribeSystemEventAttribute*1
      W:PutResourceMetricRule@AlarmRule*0.3 W:DeleteMetricRules@AlarmRule*0.05 W:EnableMetricRules@AlarmRule*0.1
      W:DisableMetricRules@AlarmRule*0.05 W:CreateMonitorGroup@Group*0.1 W:PutContact*0.05 W:PutEventRule*0.05 W:CreateSiteMonitor*0.05`,
  },
  {
    code: "CS", name: "Container Service for Kubernetes", source: "cs.aliyuncs.com", api: "2015-12-15",
    res: { Cluster: ["ACS::CS::Cluster", "ClusterId", "hex:c:32"] },
    ev: `R:DescribeClustersV1*8 R:DescribeClusterDetail@Cluster*6 R:DescribeClusterNodes@Cluster*5 R:DescribeClusterNodePools@Cluster*3
      R:DescribeClusterUserKubeconfig@Cluster*4 R:DescribeClusterAddonsVersion@Cluster*1 R:DescribeTaskInfo*1 R:DescribeClusterLogs@Cluster*1
      W:CreateCluster@Cluster*0.05 W:DeleteCluster@Cluster*0.02 W:ScaleClusterNodePool@Cluster*0.3 W:ModifyCluster@Cluster*0.1
      W:UpgradeCluster@Cluster*0.05 W:CreateClusterNodePool@Cluster*0.05 W:DeleteClusterNodepool@Cluster*0.02
      W:RemoveClusterNodes@Cluster*0.1 W:InstallClusterAddons@Cluster*0.05 W:RevokeK8sClusterKubeConfig@Cluster*0.01`,
  },
  {
    code: "Ess", name: "Auto Scaling", source: "ess.aliyuncs.com", api: "2014-08-28",
    res: {
      ScalingGroup: ["ACS::ESS::ScalingGroup", "ScalingGroupId", "reg:asg-:17"],
      ScalingRule: ["ACS::ESS::ScalingRule", "ScalingRuleId", "reg:asr-:17"],
      ScalingConfiguration: ["ACS::ESS::ScalingConfiguration", "ScalingConfigurationId", "reg:asc-:17"],
    },
    ev: `R:DescribeScalingGroups*6 R:DescribeScalingActivities@ScalingGroup*5 R:DescribeScalingInstances@ScalingGroup*5
      R:DescribeScalingConfigurations@ScalingGroup*2 R:DescribeScalingRules@ScalingGroup*2
      W:CreateScalingGroup@ScalingGroup*0.05 W:DeleteScalingGroup@ScalingGroup*0.02 W:ModifyScalingGroup@ScalingGroup*0.2
      W:EnableScalingGroup@ScalingGroup*0.1 W:DisableScalingGroup@ScalingGroup*0.05 W:ExecuteScalingRule@ScalingRule+ScalingGroup*1
      W:CreateScalingRule@ScalingRule*0.05 W:CreateScalingConfiguration@ScalingConfiguration*0.1
      W:AttachInstances@ScalingGroup*0.1 W:RemoveInstances@ScalingGroup*0.2`,
  },
  {
    code: "FC", name: "Function Compute", source: "fc.aliyuncs.com", api: "2023-03-30",
    res: { Function: ["ACS::FC::Function", "FunctionName", "names:order-api,image-resize,log-shipper,cron-cleanup,webhook-handler,pdf-render"] },
    ev: `R:ListFunctions*8 R:GetFunction@Function*5 R:ListTriggers@Function*2 R:GetFunctionCode@Function*1 R:ListAsyncTasks@Function*1
      R:ListLayers*1 W:CreateFunction@Function*0.1 W:UpdateFunction@Function*1 W:DeleteFunction@Function*0.05
      W:PublishFunctionVersion@Function*0.5 W:CreateTrigger@Function*0.1 W:DeleteTrigger@Function*0.05
      W:PutProvisionConfig@Function*0.1 W:CreateAlias@Function*0.05 W:UpdateAlias@Function*0.2 W:PutConcurrencyConfig@Function*0.05`,
  },
  {
    code: "NAS", name: "Apsara File Storage NAS", source: "nas.aliyuncs.com", api: "2017-06-26",
    res: { FileSystem: ["ACS::NAS::FileSystem", "FileSystemId", "hex::10"] },
    ev: `R:DescribeFileSystems*5 R:DescribeMountTargets@FileSystem*3 R:DescribeAccessGroups*1 R:DescribeAccessRules*1
      R:DescribeFileSystemStatistics*1 W:CreateFileSystem@FileSystem*0.05 W:DeleteFileSystem@FileSystem*0.02
      W:CreateMountTarget@FileSystem*0.1 W:DeleteMountTarget@FileSystem*0.03 W:ModifyFileSystem@FileSystem*0.05 W:CreateAccessRule*0.1`,
  },
  {
    code: "SLS", name: "Log Service", source: "sls.aliyuncs.com", api: "2020-12-30",
    res: {
      Project: ["ACS::SLS::Project", "ProjectName", "names:prod-app-logs-{region},actiontrail-audit-{region},waf-logs-{region},vpc-flowlog-{region},k8s-log-c4f1a2"],
      Logstore: ["ACS::SLS::LogStore", "LogstoreName", "names:nginx-access,app-json,audit,flowlog,k8s-events,actiontrail_prod-audit-trail"],
    },
    ev: `R:ListProject*6 R:GetProject@Project*4 R:ListLogStores@Project*5 R:GetLogStore@Logstore+Project*3 R:ListMachineGroup@Project*1
      R:ListDashboard@Project*2 R:GetIndex@Logstore*1 R:ListSavedSearch@Project*1
      W:CreateProject@Project*0.05 W:DeleteProject@Project*0.02 W:CreateLogStore@Logstore+Project*0.1
      W:DeleteLogStore@Logstore+Project*0.03 W:UpdateLogStore@Logstore+Project*0.1 W:CreateIndex@Logstore*0.05 W:UpdateIndex@Logstore*0.1
      W:CreateDashboard@Project*0.05 W:UpdateDashboard@Project*0.2 W:CreateMachineGroup@Project*0.03`,
  },
  {
    code: "R-kvstore", name: "ApsaraDB for Redis", source: "r-kvstore.aliyuncs.com", api: "2015-01-01",
    res: { Instance: ["ACS::KVSTORE::Instance", "InstanceId", "reg:r-:17"] },
    ev: `R:DescribeInstances*6 R:DescribeInstanceAttribute@Instance*3 R:DescribeAccounts@Instance*1 R:DescribeSecurityIps@Instance*1
      R:DescribeBackups@Instance*1 R:DescribeHistoryMonitorValues@Instance*3 R:DescribeSlowLogRecords@Instance*1
      W:CreateInstance@Instance*0.05 W:DeleteInstance@Instance*0.02 W:ModifyInstanceSpec@Instance*0.05 W:ModifySecurityIps@Instance*0.1
      W:FlushInstance@Instance*0.03 W:RestartInstance@Instance*0.05 W:CreateBackup@Instance*0.1 W:ModifyInstanceConfig@Instance*0.05
      W:ResetAccountPassword@Instance*0.03`,
  },
  {
    code: "Dds", name: "ApsaraDB for MongoDB", source: "mongodb.aliyuncs.com", api: "2015-12-01",
    res: { DBInstance: ["ACS::DDS::DBInstance", "DBInstanceId", "reg:dds-:17"] },
    ev: `R:DescribeDBInstances*5 R:DescribeDBInstanceAttribute@DBInstance*3 R:DescribeBackups@DBInstance*1 R:DescribeSecurityIps@DBInstance*1
      R:DescribeSlowLogRecords@DBInstance*1 R:DescribeDBInstancePerformance@DBInstance*2
      W:CreateDBInstance@DBInstance*0.03 W:DeleteDBInstance@DBInstance*0.01 W:ModifyDBInstanceSpec@DBInstance*0.05
      W:ModifySecurityIps@DBInstance*0.1 W:RestartDBInstance@DBInstance*0.05 W:CreateBackup@DBInstance*0.1 W:ResetAccountPassword@DBInstance*0.03`,
  },
  {
    code: "Cdn", name: "Alibaba Cloud CDN", source: "cdn.aliyuncs.com", api: "2018-05-10", regions: ["cn-hangzhou"],
    res: { Domain: ["ACS::CDN::Domain", "DomainName", "names:static.acme-shop.com,img.acme-shop.com,cdn.acme.io,download.acme.io,video.acme-shop.com"] },
    ev: `R:DescribeUserDomains*5 R:DescribeCdnDomainDetail@Domain*3 R:DescribeDomainBpsData@Domain*6 R:DescribeDomainQpsData@Domain*3
      R:DescribeRefreshTasks*2 R:DescribeCdnDomainConfigs@Domain*1 R:DescribeDomainRealTimeBpsData@Domain*1
      W:RefreshObjectCaches*1.5 W:PushObjectCache*0.3 W:AddCdnDomain@Domain*0.02 W:DeleteCdnDomain@Domain*0.01
      W:BatchSetCdnDomainConfig@Domain*0.1 W:SetCdnDomainSSLCertificate@Domain*0.05 W:StopCdnDomain@Domain*0.01 W:StartCdnDomain@Domain*0.01`,
  },
  {
    code: "Alidns", name: "Alibaba Cloud DNS", source: "alidns.aliyuncs.com", api: "2015-01-09", regions: ["cn-hangzhou"],
    res: { Domain: ["ACS::DNS::Domain", "DomainName", "names:acme-shop.com,acme.io,acme-internal.net,acme-status.com"] },
    ev: `R:DescribeDomains*4 R:DescribeDomainRecords@Domain*6 R:DescribeDomainInfo@Domain*2 R:DescribeDomainRecordInfo@Domain*1
      R:DescribeRecordLogs@Domain*0.5 W:AddDomainRecord@Domain*0.3 W:UpdateDomainRecord@Domain*0.4 W:DeleteDomainRecord@Domain*0.1
      W:SetDomainRecordStatus@Domain*0.05 W:AddDomain@Domain*0.01 W:DeleteDomain@Domain*0.005`,
  },
  {
    code: "Waf", name: "Web Application Firewall", source: "wafopenapi.aliyuncs.com", api: "2021-10-01", regions: ["cn-hangzhou", "ap-southeast-1"],
    res: {
      Instance: ["ACS::WAF::Instance", "InstanceId", "rnd:waf_v3prepaid_public_cn-:11"],
      Domain: ["ACS::WAF::Domain", "Domain", "names:www.acme-shop.com,api.acme-shop.com,m.acme-shop.com,pay.acme-shop.com"],
    },
    ev: `R:DescribeInstance@Instance*3 R:DescribeDomains@Instance*2 R:DescribeDomainDetail@Domain*2 R:DescribeDefenseRules@Instance*2
      R:DescribeFlowChart@Instance*3 W:CreateDomain@Domain*0.03 W:ModifyDomain@Domain*0.1 W:DeleteDomain@Domain*0.01
      W:CreateDefenseRule@Instance*0.1 W:ModifyDefenseRule@Instance*0.2 W:DeleteDefenseRule@Instance*0.05 W:ModifyDefenseRuleStatus@Instance*0.05`,
  },
  {
    code: "Sas", name: "Security Center", source: "tds.aliyuncs.com", api: "2018-12-03", regions: ["cn-shanghai", "ap-southeast-1"],
    res: {},
    ev: `R:DescribeSuspEvents*5 R:DescribeVulList*3 R:DescribeSecurityStatInfo*3 R:DescribeCloudCenterInstances*3 R:DescribeAlarmEventList*3
      R:DescribeRiskCheckResult*2 R:DescribeGroupedVul*2 W:HandleSecurityEvents*0.3 W:ModifyOperateVul*0.3 W:ExportVul*0.1
      W:ModifyPushAllTask*0.1 W:OperateSuspiciousTargetConfig*0.05 W:ModifyStrategy*0.05 W:ModifyAntiBruteForceRule*0.05`,
  },
  {
    code: "ResourceManager", name: "Resource Management", source: "resourcemanager.aliyuncs.com", api: "2020-03-31", global: true,
    res: {
      ResourceGroup: ["ACS::ResourceManager::ResourceGroup", "ResourceGroupId", "rnd:rg-acfm:11"],
      Account: ["ACS::ResourceManager::Account", "AccountId", "num:1:16"],
    },
    ev: `R:ListResourceGroups*5 R:GetResourceGroup@ResourceGroup*2 R:ListAccounts*2 R:GetAccount@Account*1 R:ListFoldersForParent*1
      R:GetResourceDirectory*1 R:ListResources*1 W:CreateResourceGroup@ResourceGroup*0.05 W:UpdateResourceGroup@ResourceGroup*0.05
      W:DeleteResourceGroup@ResourceGroup*0.01 W:MoveResources@ResourceGroup*0.2 W:CreateFolder*0.01 W:MoveAccount@Account*0.01
      W:CreateResourceAccount@Account*0.01 W:AttachPolicy*0.05 W:DetachPolicy*0.02 W:RemoveCloudAccount@Account*0.005`,
  },
  {
    code: "Config", name: "Cloud Config", source: "config.aliyuncs.com", api: "2020-09-07",
    res: { ConfigRule: ["ACS::Config::ConfigRule", "ConfigRuleId", "hex:cr-:16"] },
    ev: `R:ListConfigRules*3 R:GetConfigRule@ConfigRule*2 R:ListDiscoveredResources*4 R:GetDiscoveredResource*3
      R:GetResourceComplianceTimeline*1 R:ListConfigRuleEvaluationResults@ConfigRule*2 R:GetConfigDeliveryChannel*0.3
      W:CreateConfigRule@ConfigRule*0.05 W:UpdateConfigRule@ConfigRule*0.05 W:DeleteConfigRules@ConfigRule*0.01
      W:StartConfigRuleEvaluation@ConfigRule*0.3 W:ActiveConfigRules@ConfigRule*0.03 W:DeactiveConfigRules@ConfigRule*0.01
      W:UpdateConfigDeliveryChannel*0.02`,
  },
  {
    code: "ROS", name: "Resource Orchestration Service", source: "ros.aliyuncs.com", api: "2019-09-10",
    res: { Stack: ["ACS::ROS::Stack", "StackId", "uuid"] },
    ev: `R:ListStacks*4 R:GetStack@Stack*4 R:ListStackEvents@Stack*3 R:ListStackResources@Stack*2 R:GetTemplate@Stack*1
      R:ValidateTemplate*1 R:GetTemplateSummary*0.5 R:ListChangeSets@Stack*0.5 W:CreateStack@Stack*0.1 W:UpdateStack@Stack*0.2
      W:DeleteStack@Stack*0.03 W:CreateChangeSet@Stack*0.1 W:ExecuteChangeSet@Stack*0.1 W:ContinueCreateStack@Stack*0.02
      W:CancelUpdateStack@Stack*0.01`,
  },
  {
    code: "Emr", name: "E-MapReduce", source: "emr.aliyuncs.com", api: "2021-03-20",
    res: { Cluster: ["ACS::EMR::Cluster", "ClusterId", "hex:c-:16"] },
    ev: `R:ListClusters*4 R:GetCluster@Cluster*3 R:ListNodeGroups@Cluster*2 R:ListNodes@Cluster*2 R:ListApplications@Cluster*1
      R:ListApplicationConfigs@Cluster*1 R:GetOperation@Cluster*1 W:CreateCluster@Cluster*0.02 W:DeleteCluster@Cluster*0.01
      W:IncreaseNodes@Cluster*0.1 W:DecreaseNodes@Cluster*0.05 W:UpdateApplicationConfigs@Cluster*0.05
      W:RunApplicationAction@Cluster*0.1 W:UpdateClusterAttribute@Cluster*0.02`,
  },
  {
    code: "PAI", name: "Machine Learning Platform for AI", source: "pai-dlc.aliyuncs.com", api: "2020-12-03",
    res: { Job: ["ACS::PAI::DLCJob", "JobId", "rnd:dlc:14"] },
    ev: `R:ListJobs*5 R:GetJob@Job*4 R:GetPodLogs@Job*2 R:ListEcsSpecs*1 R:GetJobEvents@Job*1 R:GetJobMetrics@Job*1
      W:CreateJob@Job*0.3 W:StopJob@Job*0.1 W:DeleteJob@Job*0.05 W:UpdateJob@Job*0.05`,
  },
  {
    code: "cr", name: "Container Registry", source: "cr.aliyuncs.com", api: "2018-12-01",
    res: {
      Instance: ["ACS::CR::Instance", "InstanceId", "rnd:cri-:16"],
      Repository: ["ACS::CR::Repository", "RepoId", "rnd:crr-:16"],
    },
    ev: `R:GetAuthorizationToken@Instance*8 R:ListRepository@Instance*3 R:GetRepository@Repository*2 R:ListRepoTag@Repository*5
      R:ListInstance*1 R:GetInstance@Instance*1 R:ListNamespace@Instance*1 W:CreateRepository@Repository*0.05
      W:DeleteRepository@Repository*0.01 W:DeleteRepoTag@Repository*0.1 W:UpdateRepository@Repository*0.05
      W:CreateNamespace@Instance*0.02 W:CreateRepoBuildRule@Repository*0.02 W:CreateBuildRecordByRule@Repository*0.1`,
  },
  {
    code: "ALB", name: "Application Load Balancer", source: "alb.aliyuncs.com", api: "2020-06-16",
    res: {
      LoadBalancer: ["ACS::ALB::LoadBalancer", "LoadBalancerId", "rnd:alb-:18"],
      ServerGroup: ["ACS::ALB::ServerGroup", "ServerGroupId", "rnd:sgp-:18"],
    },
    ev: `R:ListLoadBalancers*5 R:GetLoadBalancerAttribute@LoadBalancer*3 R:ListListeners@LoadBalancer*2 R:ListServerGroups*2
      R:ListServerGroupServers@ServerGroup*3 R:GetListenerAttribute@LoadBalancer*1 R:ListRules@LoadBalancer*1
      W:CreateLoadBalancer@LoadBalancer*0.02 W:DeleteLoadBalancer@LoadBalancer*0.01 W:AddServersToServerGroup@ServerGroup*0.4
      W:RemoveServersFromServerGroup@ServerGroup*0.3 W:UpdateServerGroupServersAttribute@ServerGroup*0.1
      W:CreateListener@LoadBalancer*0.03 W:UpdateListenerAttribute@LoadBalancer*0.05 W:CreateRule@LoadBalancer*0.05 W:DeleteRule@LoadBalancer*0.02`,
  },
  {
    code: "Cen", name: "Cloud Enterprise Network", source: "cbn.aliyuncs.com", api: "2017-09-12", regions: ["cn-hangzhou"],
    res: { Cen: ["ACS::CEN::CenInstance", "CenId", "rnd:cen-:18"] },
    ev: `R:DescribeCens*3 R:DescribeCenAttachedChildInstances@Cen*2 R:DescribeCenBandwidthPackages*1 R:ListTransitRouters@Cen*2
      R:DescribeCenRouteMaps@Cen*1 W:CreateCen@Cen*0.01 W:DeleteCen@Cen*0.005 W:AttachCenChildInstance@Cen*0.05
      W:DetachCenChildInstance@Cen*0.02 W:CreateTransitRouterVpcAttachment@Cen*0.05 W:ModifyCenAttribute@Cen*0.02`,
  },
  {
    code: "ElasticSearch", name: "Elasticsearch", source: "elasticsearch.aliyuncs.com", api: "2017-06-13",
    res: { Instance: ["ACS::Elasticsearch::Instance", "InstanceId", "rnd:es-cn-:16"] },
    ev: `R:ListInstance*3 R:DescribeInstance@Instance*3 R:ListSearchLog@Instance*1 R:DescribeElasticsearchHealth@Instance*2
      R:ListPlugins@Instance*0.5 W:CreateInstance@Instance*0.02 W:DeleteInstance@Instance*0.01 W:UpdateInstance@Instance*0.05
      W:RestartInstance@Instance*0.05 W:UpdateWhiteIps@Instance*0.05 W:InstallSystemPlugin@Instance*0.02`,
  },
  // Account events: console sign-ins of the root account (Aas) and of RAM users (AasSub).
  { code: "Aas", name: "Account (Alibaba Cloud account sign-in)", source: "signin.aliyun.com", api: "", global: true, res: {}, ev: "W:ConsoleSignin" },
  { code: "AasSub", name: "Account (RAM user sign-in)", source: "signin.aliyun.com", api: "", global: true, res: {}, ev: "W:ConsoleSignin" },
];
