import { redirect } from "next/navigation";

/** The console's home is the dashboard. */
export default function Home() {
  redirect("/dashboard");
}
