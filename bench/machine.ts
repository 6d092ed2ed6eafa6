// What the benchmark ran on, printed and stored with the figures.
import fs from "node:fs";
import os from "node:os";

export interface MachineInfo {
  os: string;
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  /** The store and its version: "SQLite 3.x" or "PostgreSQL 15.x". */
  store: string;
  /** 1-minute load average at the start and the end: another process loading the machine shows here. */
  loadStart: number;
  loadEnd?: number;
  /** 1-minute load average sampled every 5 s through the run: mean and max (this process counts ~1). */
  loadMean?: number;
  loadMax?: number;
}

const loadSamples: number[] = [];
let lastSample = 0;

/**
 * Records the load average at most every 5 s. Called from the benchmark's loops: they run on
 * synchronous SQLite calls and resolved promises, so a timer would never get its turn.
 */
export function sampleLoad(): void {
  const now = Date.now();
  if (now - lastSample < 5_000) return;
  lastSample = now;
  loadSamples.push(os.loadavg()[0]);
}

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? "unknown";
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(fs.readFileSync("/etc/os-release", "utf8"));
    if (m) return `${m[1]} (${os.type()} ${os.release()})`;
  } catch {
    /* not Linux */
  }
  return `${os.type()} ${os.release()}`;
}

export function machineInfo(store: string): MachineInfo {
  return {
    os: osName(),
    cpu: cpuModel(),
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    store,
    loadStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export function finishMachineInfo(m: MachineInfo): MachineInfo {
  const r = (n: number) => Math.round(n * 100) / 100;
  const mean = loadSamples.length ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length : undefined;
  return { ...m, loadEnd: r(os.loadavg()[0]), loadMean: mean === undefined ? undefined : r(mean), loadMax: loadSamples.length ? r(Math.max(...loadSamples)) : undefined };
}

export function describeMachine(m: MachineInfo): string {
  const during = m.loadMean === undefined ? "" : `, mean ${m.loadMean} / max ${m.loadMax} during the run`;
  const load = `load avg (1 min) ${m.loadStart} at start, ${m.loadEnd ?? "?"} at end${during}`;
  return `${m.os}; ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM; Node ${m.node}; ${m.store ?? `SQLite ${(m as { sqlite?: string }).sqlite}`}; ${load}`;
}
