// ActionTrail regions for Alibaba Cloud (docs/actiontrail.md "Regions").
// Region ids are the ones Alibaba Cloud APIs use; names are the console's display names.

export interface Region {
  id: string;
  name: string;
}

export const REGIONS: readonly Region[] = [
  { id: "cn-hangzhou", name: "China (Hangzhou)" },
  { id: "cn-shanghai", name: "China (Shanghai)" },
  { id: "cn-qingdao", name: "China (Qingdao)" },
  { id: "cn-beijing", name: "China (Beijing)" },
  { id: "cn-zhangjiakou", name: "China (Zhangjiakou)" },
  { id: "cn-huhehaote", name: "China (Hohhot)" },
  // docs/actiontrail.md "Regions for Alibaba Cloud" spells this one "China (Ulaanbaatar)"; the console calls it China (Ulanqab).
  { id: "cn-wulanchabu", name: "China (Ulanqab)" },
  { id: "cn-shenzhen", name: "China (Shenzhen)" },
  { id: "cn-heyuan", name: "China (Heyuan)" },
  { id: "cn-guangzhou", name: "China (Guangzhou)" },
  { id: "cn-chengdu", name: "China (Chengdu)" },
  { id: "cn-hongkong", name: "China (Hong Kong)" },
  { id: "ap-southeast-1", name: "Singapore" },
  { id: "ap-southeast-2", name: "Australia (Sydney)" },
  { id: "ap-southeast-3", name: "Malaysia (Kuala Lumpur)" },
  { id: "ap-southeast-5", name: "Indonesia (Jakarta)" },
  { id: "ap-northeast-1", name: "Japan (Tokyo)" },
  { id: "eu-central-1", name: "Germany (Frankfurt)" },
  { id: "eu-west-1", name: "UK (London)" },
  { id: "us-west-1", name: "US (Silicon Valley)" },
  { id: "us-east-1", name: "US (Virginia)" },
  { id: "ap-south-1", name: "India (Mumbai)" },
  { id: "me-east-1", name: "UAE (Dubai)" },
];

export const REGION_IDS: readonly string[] = REGIONS.map((r) => r.id);

/** Global events (RAM, STS, account events) are listed under this region, whatever their acsRegion. */
export const GLOBAL_EVENTS_REGION = "ap-southeast-1";

/** The region the console opens on. */
export const DEFAULT_REGION = "cn-hangzhou";

const NAMES = new Map(REGIONS.map((r) => [r.id, r.name]));

/** Display name of a region id; unknown ids are returned unchanged. */
export function regionName(id: string): string {
  return NAMES.get(id) ?? id;
}

export function isRegionId(id: string): boolean {
  return NAMES.has(id);
}
