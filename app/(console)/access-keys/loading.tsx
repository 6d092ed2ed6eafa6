import { ActivitySkeleton } from "@/components/activity/page-states";

export default function AccessKeysLoading() {
  return <ActivitySkeleton label="Loading the AccessKey audit" />;
}
