import { REGIONS } from "@/lib/events/regions";

export function describeRegions(): Record<string, unknown> {
  return {
    Regions: {
      Region: REGIONS.map((r) => ({ RegionId: r.id, LocalName: r.name, RegionEndpoint: `actiontrail.${r.id}.aliyuncs.com` })),
    },
  };
}
