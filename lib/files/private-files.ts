// The files that hold the store and its secrets belong to the service's own OS user alone: directories
// are created 0700 and files 0600, whatever the umask (docs/deployment.md "Files and backups"). Plain
// module (no server-only): the start script, the CLI, the worker and prisma.config.ts use it.
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` and any missing parent 0700; a directory that exists keeps its mode. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** The permission bits of `file` (following links), or null when it does not exist. */
export function modeOf(file: string): number | null {
  try {
    return fs.statSync(file).mode & 0o777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** "0644": how ls and chmod write a mode. */
export function formatMode(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}

/** Whether group or others have any access (read, write or search) to a file of this mode. */
export function isShared(mode: number): boolean {
  return (mode & 0o077) !== 0;
}

/** Creates an empty `file` 0600 unless it exists (SQLite gives its -wal and -shm files the mode of the database file). */
export function touchPrivateFile(file: string): void {
  makePrivateDir(path.dirname(file));
  try {
    fs.writeFileSync(file, "", { flag: "wx", mode: PRIVATE_FILE_MODE });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
}

/**
 * Creates `file` 0600 holding `content`, unless it exists. The content is written to a temp file first
 * and linked into place, so a process reading it never sees it empty or half written, and of two
 * processes creating it at once one wins and the other reads the winner's. True if this call created it.
 */
export function createPrivateFileOnce(file: string, content: string): boolean {
  makePrivateDir(path.dirname(file));
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, content, { flag: "wx", mode: PRIVATE_FILE_MODE });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** chmod `file` to `mode` when it grants more than that; returns the mode it had when it changed it. */
export function tightenMode(file: string, mode: number): number | null {
  const current = modeOf(file);
  if (current === null || (current & ~mode) === 0) return null;
  fs.chmodSync(file, mode);
  return current;
}

/** Refuses a secret that group or others may read: it has to be treated as seen by them (like ssh does). */
export function assertPrivateSecretFile(file: string, what: string, consequence: string): void {
  const mode = modeOf(file);
  if (mode !== null && isShared(mode)) {
    throw new Error(
      `${what} ${file} is open to group or others (mode ${formatMode(mode)}). ${consequence} ` +
        `If nobody else could have read it, run: chmod 600 ${file}`,
    );
  }
}
