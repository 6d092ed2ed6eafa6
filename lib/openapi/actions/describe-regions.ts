import { CAN } from "@/lib/auth/roles";
import { REGIONS } from "@/lib/events/regions";
import { read, type ActionTable } from "./define";

export function describeRegions(): Record<string, unknown> {
  return {
    Regions: {
      Region: REGIONS.map((r) => ({ RegionId: r.id, LocalName: r.name, RegionEndpoint: `actiontrail.${r.id}.aliyuncs.com` })),
    },
  };
}

export const REGION_ACTIONS: ActionTable = {
  DescribeRegions: read(CAN.readEvents, () => describeRegions(), {
    group: "Regions and service",
    summary: "The 23 ActionTrail regions.",
    params: [],
    returns: "Regions.Region: RegionId, LocalName, RegionEndpoint.",
    example: { params: {} },
  }),
};
