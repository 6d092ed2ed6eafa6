import { ActivitySkeleton } from "@/components/activity/page-states";

export default function UserActivityLoading() {
  return <ActivitySkeleton label="Loading the user activity" />;
}
