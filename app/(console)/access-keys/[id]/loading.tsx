import { ActivitySkeleton } from "@/components/activity/page-states";

export default function AccessKeyLoading() {
  return <ActivitySkeleton label="Loading the AccessKey's use" />;
}
