// The demo population behind generated events: RAM users, assumed roles, the root account and service
// principals, each with coherent habits (home region, IPs, AccessKeys, user agents, services, working hours).
// Built once from a fixed seed, so users and AccessKey ids are the same in every generated data set.
import { REGION_IDS, SERVICES, type EventDef, type ServiceDef } from "@/lib/catalog/catalog";
import { DEFAULT_ACCOUNT_ID as DEMO_ACCOUNT_ID } from "@/lib/config/account";
import { isSensitiveByDefault } from "@/lib/events/sensitive-rule";
import { hashString, mulberry32, pick, randInt, randomString, Weighted, type Rng } from "./prng";
import { BROWSER_UAS, CLI_UAS, SDK_UAS, TERRAFORM_UAS, buildIpPools, type IpPools } from "./population-data";

export const POPULATION_SEED = 20260101;

export type Channel = "console" | "cli" | "sdk" | "terraform";
export type Schedule = "office" | "ci" | "flat";
export type IdentityType = "ram-user" | "assumed-role" | "root-account" | "system";

/** Per-service event tables, precomputed once. Sensitive events are kept apart so their rate is controlled. */
export interface ServiceTables {
  svc: ServiceDef;
  normal: Weighted<EventDef>;
  read: Weighted<EventDef> | null;
  sensitive: Weighted<EventDef> | null;
}

export interface Actor {
  type: IdentityType;
  userName: string;
  principalId: string;
  weight: number;
  human: boolean;
  mfa: boolean;
  homeRegion: string;
  regions: Weighted<string>;
  /** Probability that a call goes to a uniformly chosen region (inventory scanners, monitoring). */
  anyRegion: number;
  services: Weighted<ServiceTables> | null;
  sensitiveServices: Weighted<ServiceTables> | null;
  readOnly: boolean;
  /** Specific (service, event) habits, used with probability fixedShare. */
  fixed: Weighted<[ServiceTables, EventDef]> | null;
  fixedShare: number;
  sensitiveRate: number;
  signinRate: number;
  channels: Weighted<Channel>;
  uas: Record<Channel, string[]>;
  ips: Weighted<string>;
  tailIp: number;
  accessKeys: Weighted<string>;
  schedule: Schedule;
  tz: number;
  /** For service principals: the "ecs.aliyuncs.com"-style host used as sourceIpAddress and userAgent. */
  serviceHost?: string;
  role?: { name: string; id: string; arn: string };
  sessions?: string[];
  loginAccount?: string;
}

export interface Population {
  accountId: string;
  actors: Actor[];
  actorWeights: Weighted<Actor>;
  ramUserNames: string[];
  accessKeyIds: string[];
  ipPools: IpPools;
  tables: Map<string, ServiceTables>;
}

function buildTables(): Map<string, ServiceTables> {
  const m = new Map<string, ServiceTables>();
  for (const svc of SERVICES) {
    const normal = svc.events.filter((e) => !isSensitiveByDefault(e.name));
    const reads = svc.events.filter((e) => e.rw === "Read");
    const sens = svc.events.filter((e) => isSensitiveByDefault(e.name));
    m.set(svc.code, {
      svc,
      normal: new Weighted(normal.map((e) => [e, e.weight] as const)),
      read: reads.length ? new Weighted(reads.map((e) => [e, e.weight] as const)) : null,
      sensitive: sens.length ? new Weighted(sens.map((e) => [e, e.weight] as const)) : null,
    });
  }
  return m;
}

// Service mixes by job profile (relative weights).
const PROFILES: Record<string, Record<string, number>> = {
  sre: { Ecs: 10, Vpc: 4, Slb: 3, ALB: 2, Cms: 4, Ess: 2, CS: 3, Rds: 2, "R-kvstore": 1, SLS: 2, ROS: 1, Kms: 1, Actiontrail: 0.5, Ram: 0.5, Sts: 0.5 },
  dba: { Rds: 10, Dds: 4, "R-kvstore": 4, Cms: 3, Kms: 1, Ecs: 2, Vpc: 1, ElasticSearch: 1 },
  data: { DataWorks: 8, RealtimeCompute: 6, Emr: 4, Oss: 4, SLS: 2, ElasticSearch: 2, Rds: 1, PAI: 1, NAS: 1 },
  security: { Actiontrail: 6, Ram: 5, Sas: 4, Waf: 3, Config: 3, Kms: 2, Sts: 1, Ecs: 2, Oss: 1, ResourceManager: 1 },
  dev: { FC: 5, Oss: 4, cr: 4, CS: 3, SLS: 3, Ecs: 3, Cdn: 1, Kms: 1, Alidns: 0.5, Rds: 1 },
  admin: { Ram: 8, ResourceManager: 3, Sts: 2, Actiontrail: 2, Ecs: 2, Config: 1, Kms: 1, ROS: 1 },
  netops: { Vpc: 8, Cen: 3, Slb: 3, ALB: 3, Alidns: 3, Cdn: 3, Waf: 2, Ecs: 2, Cms: 1 },
  ml: { PAI: 8, Oss: 4, NAS: 3, Ecs: 2, cr: 2, CS: 1 },
};

// [userName, profile, home region, UTC offset, office]
const HUMANS: [string, string, string, number, string][] = [
  ["alice.wang", "sre", "cn-hangzhou", 8, "hz"], ["bob.li", "dev", "cn-hangzhou", 8, "hz"],
  ["carol.zhang", "security", "cn-hangzhou", 8, "hz"], ["david.chen", "dba", "cn-shanghai", 8, "sh"],
  ["emma.liu", "data", "cn-shanghai", 8, "sh"], ["frank.zhao", "netops", "cn-hangzhou", 8, "hz"],
  ["grace.huang", "admin", "cn-hangzhou", 8, "hz"], ["henry.wu", "sre", "cn-beijing", 8, "bj"],
  ["iris.zhou", "dev", "cn-shanghai", 8, "sh"], ["jack.xu", "data", "cn-beijing", 8, "bj"],
  ["kate.sun", "ml", "cn-wulanchabu", 8, "bj"], ["leo.ma", "dev", "cn-shenzhen", 8, "sz"],
  ["mia.zhu", "dba", "cn-hangzhou", 8, "hz"], ["nick.hu", "sre", "cn-zhangjiakou", 8, "bj"],
  ["olivia.guo", "security", "cn-shanghai", 8, "sh"], ["peter.lin", "dev", "cn-guangzhou", 8, "sz"],
  ["quinn.he", "data", "cn-chengdu", 8, "cd"], ["rachel.gao", "netops", "cn-shenzhen", 8, "sz"],
  ["sam.luo", "sre", "cn-qingdao", 8, "bj"], ["tina.zheng", "dev", "cn-huhehaote", 8, "bj"],
  ["victor.liang", "ml", "cn-heyuan", 8, "sz"], ["wendy.song", "sre", "cn-hongkong", 8, "hk"],
  ["wei.tan", "sre", "ap-southeast-1", 8, "sg"], ["yuki.tanaka", "dev", "ap-northeast-1", 9, "tokyo"],
  ["lukas.weber", "sre", "eu-central-1", 1, "fra"], ["james.smith", "dev", "eu-west-1", 0, "lon"],
  ["mike.johnson", "sre", "us-west-1", -8, "sv"], ["sarah.miller", "data", "us-east-1", -5, "va"],
  ["priya.sharma", "dev", "ap-south-1", 5, "mumbai"], ["ahmed.khan", "netops", "me-east-1", 4, "dubai"],
  ["siti.rahman", "dev", "ap-southeast-3", 8, "kl"], ["budi.santoso", "sre", "ap-southeast-5", 7, "jakarta"],
  ["emily.brown", "dev", "ap-southeast-2", 10, "sydney"],
];

// Automation users: [userName, services, fixed habits "Svc:Event:weight", fixedShare, weight, regions, schedule, extra]
interface AutoSpec {
  name: string; services: Record<string, number>; fixed?: string[]; fixedShare?: number; weight: number;
  regions: string[]; schedule: Schedule; channel: Channel; readOnly?: boolean; anyRegion?: number; sensitiveRate?: number;
}
const AUTOMATION: AutoSpec[] = [
  { name: "terraform-ci", services: { Ecs: 5, Vpc: 4, Slb: 2, Rds: 2, Oss: 2, Ram: 1, Kms: 1, CS: 2, ALB: 1, Alidns: 1, Ess: 1 }, weight: 5, regions: ["cn-hangzhou", "cn-shanghai"], schedule: "ci", channel: "terraform", sensitiveRate: 0.03 },
  { name: "ops-deployer", services: { Ecs: 4, Slb: 2, ALB: 2, Ess: 1 }, fixed: ["Ecs:RunCommand:6", "Ecs:DescribeInvocationResults:8", "Slb:SetBackendServers:2", "ALB:UpdateServerGroupServersAttribute:2"], fixedShare: 0.5, weight: 6, regions: ["cn-hangzhou", "cn-shanghai"], schedule: "ci", channel: "sdk", sensitiveRate: 0.01 },
  { name: "jenkins-build", services: { cr: 4, CS: 3, Oss: 2, FC: 2 }, weight: 4, regions: ["cn-hangzhou"], schedule: "ci", channel: "sdk", sensitiveRate: 0.005 },
  { name: "backup-bot", services: { Ecs: 1, Rds: 1, Oss: 1 }, fixed: ["Ecs:CreateSnapshot:5", "Ecs:DescribeSnapshots:5", "Ecs:DeleteSnapshot:1", "Rds:CreateBackup:3", "Rds:DescribeBackups:3"], fixedShare: 0.9, weight: 3, regions: ["cn-hangzhou", "cn-shanghai", "cn-beijing"], schedule: "flat", channel: "sdk" },
  { name: "monitoring-agent", services: { Cms: 10, Ecs: 3, Rds: 1, Slb: 1 }, weight: 9, regions: ["cn-hangzhou", "cn-shanghai"], schedule: "flat", channel: "sdk", readOnly: true, anyRegion: 0.25 },
  { name: "log-shipper", services: { SLS: 5, Oss: 3 }, weight: 3, regions: ["cn-hangzhou", "cn-shanghai"], schedule: "flat", channel: "sdk", readOnly: true },
  { name: "dataworks-scheduler", services: { DataWorks: 6, Emr: 3, Oss: 2 }, weight: 4, regions: ["cn-shanghai", "cn-beijing"], schedule: "flat", channel: "sdk", sensitiveRate: 0.002 },
  { name: "flink-submitter", services: { RealtimeCompute: 1 }, weight: 2, regions: ["cn-beijing", "cn-hangzhou"], schedule: "ci", channel: "sdk", sensitiveRate: 0.01 },
  { name: "cdn-refresher", services: { Cdn: 1 }, fixed: ["Cdn:RefreshObjectCaches:10", "Cdn:DescribeRefreshTasks:5", "Cdn:PushObjectCache:2"], fixedShare: 0.9, weight: 2, regions: ["cn-hangzhou"], schedule: "ci", channel: "cli" },
  { name: "certbot-dns", services: { Alidns: 1 }, fixed: ["Alidns:AddDomainRecord:3", "Alidns:DeleteDomainRecord:3", "Alidns:DescribeDomainRecords:4", "Cdn:SetCdnDomainSSLCertificate:1", "Slb:UploadServerCertificate:1"], fixedShare: 0.95, weight: 0.5, regions: ["cn-hangzhou"], schedule: "flat", channel: "sdk" },
  { name: "security-scanner", services: { Sas: 4, Actiontrail: 3, Config: 2, Ram: 2, Ecs: 2, Oss: 1 }, weight: 3, regions: ["cn-shanghai", "ap-southeast-1"], schedule: "flat", channel: "sdk", readOnly: true, anyRegion: 0.3 },
  { name: "k8s-ops", services: { CS: 4, Ecs: 2, Ess: 1, Slb: 1 }, weight: 2, regions: ["cn-hangzhou", "cn-shenzhen"], schedule: "ci", channel: "cli", sensitiveRate: 0.01 },
];

const REGION_POPULARITY = new Weighted<string>(
  REGION_IDS.map((r) => [r, r === "cn-hangzhou" ? 30 : r === "cn-shanghai" ? 25 : r === "cn-beijing" ? 10 : r === "cn-shenzhen" ? 8 : r === "ap-southeast-1" ? 8 : r === "cn-hongkong" ? 5 : 1.5] as const),
);

function regionMix(rng: Rng, home: string, extra = 2): Weighted<string> {
  const m = new Map<string, number>([[home, 75]]);
  for (let i = 0; i < extra; i++) {
    const r = REGION_POPULARITY.sample(rng);
    m.set(r, (m.get(r) ?? 0) + 25 / extra);
  }
  return new Weighted([...m.entries()]);
}

function digits(rng: Rng, n: number): string {
  return randomString(rng, n, "digits");
}

export function newAccessKeyId(rng: Rng): string {
  return "LTAI5t" + randomString(rng, 18, "mixed");
}

export function buildPopulation(seed = POPULATION_SEED): Population {
  const rng = mulberry32(seed);
  const tables = buildTables();
  const ipPools = buildIpPools(mulberry32(hashString("ips") ^ seed));
  const accountId = DEMO_ACCOUNT_ID;
  const actors: Actor[] = [];
  const allKeys: string[] = [];

  const svcWeights = (mix: Record<string, number>, jitter: boolean) => {
    const entries = Object.entries(mix).map(([code, w]) => {
      const t = tables.get(code);
      if (!t) throw new Error(`population: unknown service ${code}`);
      return [t, jitter ? w * (0.5 + rng()) : w] as const;
    });
    const sensitive = entries.filter(([t]) => t.sensitive);
    return { services: new Weighted(entries), sensitiveServices: sensitive.length ? new Weighted(sensitive) : null };
  };
  const fixedOf = (specs: string[] | undefined) =>
    specs?.length
      ? new Weighted(specs.map((s) => {
          const [code, name, w] = s.split(":");
          const t = tables.get(code);
          const ev = t?.svc.events.find((e) => e.name === name);
          if (!t || !ev) throw new Error(`population: unknown event ${s}`);
          return [[t, ev] as [ServiceTables, EventDef], Number(w)] as const;
        }))
      : null;
  const keysFor = (n: number) => {
    const ks = Array.from({ length: n }, () => newAccessKeyId(rng));
    allKeys.push(...ks);
    // The newest key carries most traffic; older keys linger.
    return new Weighted(ks.map((k, i) => [k, i === 0 ? 10 : 1.5 / i] as const));
  };
  const uasOf = (channelUas: Partial<Record<Channel, string[]>>): Record<Channel, string[]> => ({
    console: channelUas.console ?? [pick(rng, BROWSER_UAS)],
    cli: channelUas.cli ?? [pick(rng, CLI_UAS)],
    sdk: channelUas.sdk ?? [pick(rng, SDK_UAS), pick(rng, SDK_UAS)],
    terraform: channelUas.terraform ?? [pick(rng, TERRAFORM_UAS)],
  });

  for (const [name, profile, home, tz, office] of HUMANS) {
    const { services, sensitiveServices } = svcWeights(PROFILES[profile], true);
    const officeIps = ipPools.offices[office];
    const ips = new Weighted<string>([
      [pick(rng, officeIps), 45], [pick(rng, officeIps), 25], [pick(rng, ipPools.vpn), 8], [pick(rng, ipPools.tail), 15],
    ]);
    const consoleShare = 0.35 + rng() * 0.3;
    actors.push({
      type: "ram-user", userName: name, principalId: "2" + digits(rng, 16), weight: 1 + rng() * 2.5, human: true,
      mfa: rng() < 0.7, homeRegion: home, regions: regionMix(rng, home, 1 + randInt(rng, 3)), anyRegion: 0.01,
      services, sensitiveServices, readOnly: false, fixed: null, fixedShare: 0,
      sensitiveRate: profile === "admin" || profile === "security" ? 0.035 : 0.02, signinRate: 0.07,
      channels: new Weighted<Channel>([["console", consoleShare], ["cli", 0.3], ["sdk", 0.15], ["terraform", rng() < 0.3 ? 0.1 : 0]]),
      uas: uasOf({ console: [pick(rng, BROWSER_UAS), pick(rng, BROWSER_UAS)] }), ips, tailIp: 0.03,
      accessKeys: keysFor(1 + randInt(rng, 2)), schedule: "office", tz,
      loginAccount: `${name}@${accountId}.onaliyun.com`,
    });
  }

  for (const a of AUTOMATION) {
    const { services, sensitiveServices } = svcWeights(a.services, false);
    const ips = new Weighted<string>(Array.from({ length: 1 + randInt(rng, 3) }, (_, i) => [pick(rng, ipPools.cloud), 10 / (i + 1)] as const));
    actors.push({
      type: "ram-user", userName: a.name, principalId: "2" + digits(rng, 16), weight: a.weight, human: false, mfa: false,
      homeRegion: a.regions[0], regions: new Weighted(a.regions.map((r, i) => [r, i === 0 ? 3 : 1] as const)),
      anyRegion: a.anyRegion ?? 0.005, services, sensitiveServices, readOnly: a.readOnly ?? false, fixed: fixedOf(a.fixed),
      fixedShare: a.fixedShare ?? 0, sensitiveRate: a.sensitiveRate ?? 0, signinRate: 0,
      channels: new Weighted<Channel>([[a.channel, 1]]), uas: uasOf({}), ips, tailIp: 0.005,
      accessKeys: keysFor(1 + randInt(rng, 3)), schedule: a.schedule, tz: 8,
    });
  }

  // Assumed roles: service-linked roles acting from service hosts, and roles people or pipelines assume.
  interface RoleSpec {
    name: string; sessions: string[]; weight: number; host?: string; fixed?: string[]; services?: Record<string, number>;
    regions: string[]; anyRegion?: number; ips?: string[]; channel: Channel; schedule: Schedule; readOnly?: boolean;
    sensitiveRate?: number; mfa?: boolean;
  }
  const inst = () => "i-bp1" + randomString(rng, 17, "lower");
  const ROLES: RoleSpec[] = [
    { name: "AliyunServiceRoleForConfig", sessions: ["Config"], weight: 4, host: "config.aliyuncs.com", regions: ["cn-hangzhou"], anyRegion: 1, channel: "sdk", schedule: "flat",
      fixed: ["Ecs:DescribeInstances:6", "Ecs:DescribeSecurityGroups:3", "Ecs:DescribeDisks:3", "Vpc:DescribeVpcs:3", "Vpc:DescribeVSwitches:2", "Vpc:DescribeEipAddresses:1", "Rds:DescribeDBInstances:2", "Slb:DescribeLoadBalancers:2", "R-kvstore:DescribeInstances:1", "Oss:GetBucketInfo:2", "Oss:GetBucketAcl:1", "Kms:ListKeys:1"] },
    { name: "AliyunServiceRoleForAutoScaling", sessions: ["ess"], weight: 2, host: "ess.aliyuncs.com", regions: ["cn-hangzhou", "cn-shanghai"], channel: "sdk", schedule: "ci",
      fixed: ["Ecs:DescribeInstances:6", "Ecs:RunInstances:3", "Ecs:DeleteInstance:0.4", "Slb:AddBackendServers:2", "Slb:RemoveBackendServers:1", "ALB:AddServersToServerGroup:1"] },
    { name: "AliyunCSManagedAutoScalerRole", sessions: ["cluster-autoscaler"], weight: 2, host: "cs.aliyuncs.com", regions: ["cn-hangzhou", "cn-shenzhen"], channel: "sdk", schedule: "ci",
      fixed: ["Ess:ExecuteScalingRule:2", "Ess:DescribeScalingGroups:4", "Ess:DescribeScalingInstances:4", "Ecs:DescribeInstances:4", "CS:DescribeClusterNodes:2"] },
    { name: "AliyunServiceRoleForActionTrail", sessions: ["ActionTrail"], weight: 1.5, host: "actiontrail.aliyuncs.com", regions: ["cn-hangzhou", "cn-shanghai"], channel: "sdk", schedule: "flat",
      fixed: ["Oss:GetBucketLocation:3", "Oss:GetBucketInfo:2", "SLS:GetProject:2", "SLS:GetLogStore:2"] },
    { name: "ecs-app-instance-role", sessions: [inst(), inst(), inst(), inst(), inst(), inst()], weight: 5, regions: ["cn-hangzhou"], ips: ipPools.internal, channel: "sdk", schedule: "flat",
      fixed: ["Kms:GetSecretValue:8", "Kms:Decrypt:5", "Oss:GetBucketInfo:2", "Cms:DescribeMetricLast:2", "SLS:GetLogStore:1"] },
    { name: "ops-admin-role", sessions: ["alice.wang", "grace.huang", "henry.wu", "frank.zhao", "wei.tan"], weight: 4, regions: ["cn-hangzhou", "cn-shanghai", "cn-beijing"],
      ips: [...ipPools.offices.hz, ...ipPools.offices.bj, ...ipPools.offices.sg], channel: "console", schedule: "office", sensitiveRate: 0.05, mfa: true,
      services: { Ecs: 6, Vpc: 3, Rds: 2, Slb: 2, Ram: 3, Kms: 1, Actiontrail: 1, Oss: 1 } },
    { name: "terraform-deploy-role", sessions: ["terraform-" + randomString(rng, 8, "hex"), "terraform-" + randomString(rng, 8, "hex"), "terraform-" + randomString(rng, 8, "hex")], weight: 3,
      regions: ["cn-hangzhou", "cn-shanghai", "ap-southeast-1"], ips: ipPools.cloud.slice(0, 4), channel: "terraform", schedule: "ci", sensitiveRate: 0.03,
      services: { Ecs: 5, Vpc: 4, Slb: 2, Rds: 2, Oss: 2, Ram: 2, Kms: 1, CS: 2, ALB: 1, Alidns: 1, Ess: 1, ROS: 1 } },
    { name: "readonly-auditor-role", sessions: ["carol.zhang@acme-corp.com", "olivia.guo@acme-corp.com", "auditor@external-audit.com"], weight: 1.5, regions: ["cn-hangzhou", "cn-shanghai"],
      ips: [...ipPools.offices.hz, ...ipPools.offices.sh], channel: "console", schedule: "office", readOnly: true, mfa: true,
      services: { Actiontrail: 6, Config: 3, Ram: 3, Oss: 1, Ecs: 1 } },
    { name: "k8s-ci-oidc-role", sessions: ["ack-oidc-ci", "github-actions-deploy"], weight: 2, regions: ["cn-hangzhou"], ips: ipPools.cloud.slice(4, 8), channel: "sdk", schedule: "ci",
      fixed: ["cr:GetAuthorizationToken:8", "CS:DescribeClusterUserKubeconfig:4", "CS:DescribeClusterDetail:2", "Oss:GetBucketInfo:1"] },
  ];
  for (const r of ROLES) {
    const id = "3" + digits(rng, 17);
    const sw = r.services ? svcWeights(r.services, false) : null;
    const stsKeys = Array.from({ length: 24 }, () => "STS.NT" + randomString(rng, 22, "mixed"));
    const hostIps = r.ips ?? ipPools.cloud;
    actors.push({
      type: "assumed-role", userName: r.name, principalId: id, weight: r.weight, human: r.channel === "console", mfa: r.mfa ?? false,
      homeRegion: r.regions[0], regions: new Weighted(r.regions.map((x, i) => [x, i === 0 ? 3 : 1] as const)), anyRegion: r.anyRegion ?? 0.005,
      services: sw?.services ?? null, sensitiveServices: sw?.sensitiveServices ?? null, readOnly: r.readOnly ?? false,
      fixed: fixedOf(r.fixed), fixedShare: r.fixed ? 1 : 0, sensitiveRate: r.sensitiveRate ?? 0, signinRate: 0,
      channels: new Weighted<Channel>([[r.channel, 1]]), uas: uasOf({}),
      ips: new Weighted(hostIps.map((ip, i) => [ip, 1 / (i + 1)] as const)), tailIp: r.host ? 0 : 0.01,
      accessKeys: new Weighted(stsKeys.map((k) => [k, 1] as const)), schedule: r.schedule, tz: 8, serviceHost: r.host,
      role: { name: r.name, id, arn: `acs:ram::${accountId}:role/${r.name.toLowerCase()}` }, sessions: r.sessions,
    });
  }

  // The Alibaba Cloud account itself: mostly console, and one long-lived AccessKey it should not have.
  const root = svcWeights({ Ram: 4, Actiontrail: 2, Ecs: 2, ResourceManager: 1, Oss: 1, Kms: 0.5 }, false);
  actors.push({
    type: "root-account", userName: "root", principalId: accountId, weight: 0.6, human: true, mfa: true, homeRegion: "cn-hangzhou",
    regions: regionMix(rng, "cn-hangzhou", 1), anyRegion: 0.01, ...root, readOnly: false, fixed: null, fixedShare: 0,
    sensitiveRate: 0.05, signinRate: 0.15, channels: new Weighted<Channel>([["console", 0.85], ["sdk", 0.15]]),
    uas: uasOf({}), ips: new Weighted([[ipPools.offices.hz[0], 6], [pick(rng, ipPools.tail), 2]]), tailIp: 0.03,
    accessKeys: keysFor(1), schedule: "office", tz: 8, loginAccount: "admin@acme-corp.com",
  });

  // Alibaba Cloud itself (AliyunServiceEvent, identity type "system").
  const SYSTEM: [string, string[], number][] = [
    ["ecs.aliyuncs.com", ["Ecs:CreateSnapshot:5", "Ecs:RenewInstance:1", "Ecs:RebootInstance:0.5"], 2],
    ["rds.aliyuncs.com", ["Rds:CreateBackup:1"], 1],
    ["kms.aliyuncs.com", ["Kms:CreateKeyVersion:1", "Kms:RotateSecret:1"], 0.5],
  ];
  for (const [host, fixed, weight] of SYSTEM) {
    actors.push({
      type: "system", userName: host, principalId: host, weight, human: false, mfa: false, homeRegion: "cn-hangzhou",
      regions: new Weighted(REGION_POPULARITY.items.map((r) => [r, r === "cn-hangzhou" ? 6 : r === "cn-shanghai" ? 5 : 1] as const)),
      anyRegion: 0, services: null, sensitiveServices: null, readOnly: false, fixed: fixedOf(fixed), fixedShare: 1, sensitiveRate: 0,
      signinRate: 0, channels: new Weighted<Channel>([["sdk", 1]]), uas: uasOf({}), ips: new Weighted([[host, 1]]), tailIp: 0,
      accessKeys: new Weighted([["", 1]]), schedule: "flat", tz: 8, serviceHost: host,
    });
  }

  const ramUserNames = actors.filter((a) => a.type === "ram-user").map((a) => a.userName);
  ramUserNames.push("intern-2023", "temp-contractor", "test-user");
  return {
    accountId, actors, actorWeights: new Weighted(actors.map((a) => [a, a.weight] as const)), ramUserNames,
    accessKeyIds: allKeys, ipPools, tables,
  };
}

let cached: Population | undefined;
/** The shared demo population (built on first use). */
export function getPopulation(): Population {
  return (cached ??= buildPopulation());
}
