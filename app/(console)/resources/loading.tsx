import { ActivitySkeleton } from "@/components/activity/page-states";

export default function ResourceLoading() {
  return <ActivitySkeleton label="Loading the resource's events" />;
}
