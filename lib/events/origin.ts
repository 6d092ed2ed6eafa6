// Where a stored event came from, recorded outside its JSON in the events columns origin,
// origin_channel, ingest_token_id and ingest_token_label (docs/provenance.md). No server imports: the
// event detail shows it in the browser.

export const ORIGIN_KINDS = ["token", "self", "import", "seed", "unknown"] as const;
export type TOriginKind = (typeof ORIGIN_KINDS)[number];
/** Where Trailkeeper made its own record: a console session, the operator CLI, a signed API call, the worker. */
export const SELF_CHANNELS = ["console", "cli", "api", "worker"] as const;
export type TSelfChannel = (typeof SELF_CHANNELS)[number];

export type EventOrigin =
  | { kind: "token"; tokenId: string; tokenLabel: string | null }
  | { kind: "self"; channel: TSelfChannel }
  | { kind: "import" }
  | { kind: "seed" }
  | { kind: "unknown" };

/** What a caller that does not say gets: the same as a row stored before provenance was recorded. */
export const UNKNOWN_ORIGIN: EventOrigin = { kind: "unknown" };
export const IMPORT_ORIGIN: EventOrigin = { kind: "import" };
export const SEED_ORIGIN: EventOrigin = { kind: "seed" };

/** The four column values of an origin, in the order of the events columns. */
export function originColumns(o: EventOrigin): [string, string | null, string | null, string | null] {
  switch (o.kind) {
    case "token": return ["token", null, o.tokenId, o.tokenLabel];
    case "self": return ["self", o.channel, null, null];
    default: return [o.kind, null, null, null];
  }
}

/** The stored columns as read back. */
export interface TOriginFields {
  origin: string;
  originChannel: string | null;
  ingestTokenId: string | null;
  ingestTokenLabel: string | null;
}

const CHANNEL_NAMES: Record<TSelfChannel, string> = {
  console: "Trailkeeper console",
  cli: "Trailkeeper CLI",
  api: "Trailkeeper API",
  worker: "Trailkeeper worker",
};

/** The origin as a line of the event detail. */
export function describeOrigin(o: TOriginFields): string {
  switch (o.origin) {
    case "token": {
      const label = o.ingestTokenLabel ? `${o.ingestTokenLabel} ` : "(no label) ";
      return `ingest token ${label}(${o.ingestTokenId ?? "?"})`;
    }
    case "self":
      return CHANNEL_NAMES[o.originChannel as TSelfChannel] ?? `Trailkeeper (${o.originChannel ?? "?"})`;
    case "import": return "imported with the CLI (events import)";
    case "seed": return "generated demo data (seed)";
    default: return "unknown (stored before Trailkeeper recorded origins)";
  }
}
