// The console's production build, made only when a source changed since the last one: `npm start` and
// the benchmark's API case (which runs the real web server) both need one.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
export const BIN = path.join(ROOT, "node_modules", ".bin");
const SOURCE_DIRS = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "package.json"];
const BUILD_STAMP = path.join(ROOT, ".next", "trailkeeper-source-stamp");

/** Runs a tool of node_modules/.bin in the repository; exits this process with its status if it fails. */
export function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, hint = ""): void {
  const r = spawnSync(path.join(BIN, cmd), args, { cwd: ROOT, env, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(" ")} failed (exit ${r.status}).${hint}`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Builds when there is no build, or any source file is newer than the one built (TRAILKEEPER_REBUILD: always). */
export function buildConsoleIfNeeded(): void {
  const stamp = String(Math.max(...SOURCE_DIRS.map(newestMtime)));
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(BUILD_STAMP) && fs.readFileSync(BUILD_STAMP, "utf8") === stamp;
  if (built && !process.env.TRAILKEEPER_REBUILD) return;
  console.log("Building the console (next build)…");
  runTool("next", ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  fs.writeFileSync(BUILD_STAMP, stamp);
}
