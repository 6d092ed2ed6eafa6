// Static pools for the demo population: user agents and source IP addresses.
import { randInt, type Rng } from "./prng";

export const BROWSER_UAS: readonly string[] = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:126.0) Gecko/20100101 Firefox/126.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
];

export const CLI_UAS: readonly string[] = [
  "AlibabaCloud (darwin; arm64) Golang/1.22.1 Core/0.01 Aliyun-CLI/3.0.204",
  "AlibabaCloud (linux; amd64) Golang/1.21.6 Core/0.01 Aliyun-CLI/3.0.198",
  "AlibabaCloud (windows; amd64) Golang/1.22.1 Core/0.01 Aliyun-CLI/3.0.204",
  "AlibabaCloud (darwin; amd64) Golang/1.20.4 Core/0.01 Aliyun-CLI/3.0.178",
];

export const SDK_UAS: readonly string[] = [
  "AlibabaCloud (Linux; x64) Node.js/v20.12.2 Core/1.8.0 TeaDSL/1",
  "AlibabaCloud (Linux; x64) Node.js/v18.19.1 Core/1.7.1 TeaDSL/1",
  "AlibabaCloud (Linux 5.10.134-16.al8.x86_64; x86_64) Python/3.11.6 Core/2.13.36 python-requests/2.31.0",
  "AlibabaCloud (Linux 5.15.0-105-generic; x86_64) Python/3.10.12 Core/2.14.0 python-requests/2.31.0",
  "AlibabaCloud (Linux; amd64) Java/1.8.0_372 tea-util/0.2.21 TeaDSL/1",
  "AlibabaCloud (Linux; amd64) Java/17.0.10 tea-util/0.2.21 TeaDSL/1",
  "AlibabaCloud (linux; amd64) Go/go1.21.5 Core/0.01 TeaDSL/1",
  "aliyun-sdk-java/4.6.4(Linux/5.10.134-15.al8.x86_64/amd64;17.0.10)",
  "aliyun-sdk-python/2.18.5(Linux/5.10.134-16.al8.x86_64/x86_64;3.9.16)",
];

export const TERRAFORM_UAS: readonly string[] = [
  "Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-alicloud/1.219.0",
  "Terraform/1.8.3 (+https://www.terraform.io) terraform-provider-alicloud/1.223.2",
  "Terraform/1.5.7 (+https://www.terraform.io) terraform-provider-alicloud/1.209.1",
];

export interface IpPools {
  /** Office egress ranges by office key (hz, sh, bj, …): the IPs most events come from. */
  offices: Record<string, string[]>;
  vpn: string[];
  /** Public IPs of cloud hosts (CI runners, deploy boxes). */
  cloud: string[];
  /** VPC-internal addresses seen for calls through internal endpoints. */
  internal: string[];
  /** A long tail of home, mobile and travel IPs, each seen rarely. */
  tail: string[];
  /** Hosting/anonymiser ranges behind failed sign-in attempts. */
  suspicious: string[];
}

const OFFICE_PREFIXES: Record<string, string> = {
  hz: "42.120.75.", sh: "101.80.196.", bj: "123.112.18.", sz: "14.153.72.", cd: "171.88.41.", hk: "113.28.7.",
  sg: "119.56.102.", tokyo: "126.78.12.", fra: "91.64.33.", lon: "81.2.69.", sv: "73.158.44.", va: "71.191.36.",
  mumbai: "49.36.120.", dubai: "94.200.31.", sydney: "203.219.40.", jakarta: "114.124.33.", kl: "175.139.88.",
};
const CLOUD_PREFIXES = ["47.98.", "47.110.", "8.136.", "120.55.", "39.98.", "47.243.", "8.219.", "47.254.", "47.88.", "121.40."];
const INTERNAL_PREFIXES = ["100.104.", "100.121.", "172.16.", "192.168.", "10.0."];
const TAIL_FIRST_OCTETS = [
  27, 36, 39, 49, 58, 59, 60, 61, 101, 106, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125,
  180, 182, 183, 218, 219, 220, 221, 222, 223, 5, 31, 37, 46, 62, 77, 78, 79, 80, 82, 83, 84, 85, 86, 87, 88, 89, 90,
  92, 93, 95, 103, 104, 107, 108, 109, 110, 150, 153, 160, 163, 171, 175, 176, 178, 185, 188, 194, 195, 202, 203, 210, 211,
];
const SUSPICIOUS_PREFIXES = ["185.220.101.", "45.155.205.", "193.32.162.", "89.248.165.", "141.98.11.", "5.188.206."];

const octet = (rng: Rng, lo = 1, hi = 254) => lo + randInt(rng, hi - lo + 1);

function distinct(rng: Rng, n: number, make: () => string): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(make());
  return [...out];
}

export function buildIpPools(rng: Rng): IpPools {
  const offices: Record<string, string[]> = {};
  for (const [key, prefix] of Object.entries(OFFICE_PREFIXES)) {
    const n = key === "hz" ? 8 : key === "sh" || key === "bj" ? 6 : 3;
    offices[key] = distinct(rng, n, () => prefix + octet(rng, 2, 60));
  }
  return {
    offices,
    vpn: ["47.96.62.10", "47.96.62.11", "8.209.77.54"],
    cloud: distinct(rng, 30, () => CLOUD_PREFIXES[randInt(rng, CLOUD_PREFIXES.length)] + octet(rng, 0, 255) + "." + octet(rng)),
    internal: distinct(rng, 20, () => INTERNAL_PREFIXES[randInt(rng, INTERNAL_PREFIXES.length)] + octet(rng, 0, 255) + "." + octet(rng)),
    tail: distinct(rng, 260, () => TAIL_FIRST_OCTETS[randInt(rng, TAIL_FIRST_OCTETS.length)] + "." + octet(rng, 0, 255) + "." + octet(rng, 0, 255) + "." + octet(rng)),
    suspicious: distinct(rng, 14, () => SUSPICIOUS_PREFIXES[randInt(rng, SUSPICIOUS_PREFIXES.length)] + octet(rng)),
  };
}
