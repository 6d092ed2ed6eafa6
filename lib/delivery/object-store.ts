// Object-storage destinations: a local directory bucket (the default, <data>/buckets/<name>) or any
// S3-compatible endpoint. Keys always use "/" separators.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { openSecret } from "@/lib/crypto/secret-box";
import { dataDir } from "@/lib/db/database-url";
import { PRIVATE_DIR_MODE } from "@/lib/files/private-files";
import { OutboundHttpAgent, OutboundHttpsAgent } from "@/lib/net/outbound";

export interface ObjectStore {
  /**
   * Stores `body` under `key`, replacing any object of that name; never leaves a partial object.
   * Resolves to the SHA-256 (hex) of the bytes stored, which the digests list (lib/integrity).
   */
  put(key: string, body: Buffer, contentType?: string): Promise<PutResult>;
  /** Every key starting with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** The same with each object's modification time (the verifier tells new files from old ones by it). */
  listObjects(prefix: string): Promise<StoredObject[]>;
  get(key: string): Promise<Buffer>;
  /** Removes the object; a missing one is no error (CheckOssConfig removes its probe with it). */
  delete(key: string): Promise<void>;
  /** Resolves when the bucket can be reached (a local bucket's directory exists or is made); rejects with why not. */
  reach(): Promise<void>;
}

export interface PutResult {
  sha256: string;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

function hashOf(body: Buffer): PutResult {
  return { sha256: crypto.createHash("sha256").update(body).digest("hex") };
}

/** The bucket columns the stores need (prisma Bucket). */
export interface BucketConfig {
  name: string;
  kind: string;
  endpoint?: string | null;
  region?: string | null;
  accessKeyId?: string | null;
  secretEncrypted?: string | null;
  forcePathStyle?: boolean;
}

const TEMP_MARK = ".tmp-";

export function localBucketDir(name: string): string {
  return path.join(dataDir(), "buckets", name);
}

/** A directory bucket: each object is a file; writes go to a temp file that is renamed into place. */
export class LocalObjectStore implements ObjectStore {
  /** Directories known to exist: one mkdir per day and region, not one per file. */
  private dirs = new Set<string>();

  constructor(readonly root: string) {}

  private async makeDir(dir: string): Promise<void> {
    await fs.promises.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    if (this.dirs.size > 10_000) this.dirs.clear();
    this.dirs.add(dir);
  }

  private file(key: string): string {
    const file = path.resolve(this.root, ...key.split("/"));
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Invalid object key: ${key}`);
    return file;
  }

  async put(key: string, body: Buffer): Promise<PutResult> {
    const file = this.file(key);
    const dir = path.dirname(file);
    const temp = path.join(dir, `.${path.basename(file)}${TEMP_MARK}${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
    let handle: fs.promises.FileHandle;
    if (!this.dirs.has(dir)) await this.makeDir(dir);
    try {
      handle = await fs.promises.open(temp, "w");
    } catch (e) {
      // The directory went away since we made it: make it again, once.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      await this.makeDir(dir);
      handle = await fs.promises.open(temp, "w");
    }
    try {
      await handle.writeFile(body);
      // Durable before it gets its final name: a crash leaves a temp file, never a short object.
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.promises.rename(temp, file);
    } catch (e) {
      await fs.promises.rm(temp, { force: true });
      throw e;
    }
    return hashOf(body);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string, rel: string) => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
        throw e;
      }
      for (const entry of entries) {
        const key = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          // Only descend where the prefix can still match.
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix)) await walk(path.join(dir, entry.name), key);
        } else if (entry.isFile() && key.startsWith(prefix) && !entry.name.includes(TEMP_MARK)) {
          keys.push(key);
        }
      }
    };
    await walk(this.root, "");
    return keys.sort();
  }

  async listObjects(prefix: string): Promise<StoredObject[]> {
    const keys = await this.list(prefix);
    const out: StoredObject[] = [];
    for (const key of keys) {
      try {
        out.push({ key, modifiedAt: (await fs.promises.stat(this.file(key))).mtime });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
    return out;
  }

  async get(key: string): Promise<Buffer> {
    return fs.promises.readFile(this.file(key));
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  async reach(): Promise<void> {
    await this.makeDir(this.root);
    await fs.promises.access(this.root, fs.constants.R_OK | fs.constants.W_OK);
  }
}

/** An S3-compatible bucket through @aws-sdk/client-s3. */
export class S3ObjectStore implements ObjectStore {
  readonly client: S3Client;

  constructor(readonly bucket: string, client: S3Client) {
    this.client = client;
  }

  async put(key: string, body: Buffer, contentType = "application/gzip"): Promise<PutResult> {
    // A PutObject is atomic: the object appears whole or not at all.
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
    return hashOf(body);
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.listObjects(prefix)).map((o) => o.key);
  }

  async listObjects(prefix: string): Promise<StoredObject[]> {
    const out: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) out.push({ key: o.Key, modifiedAt: o.LastModified ?? new Date(0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async get(key: string): Promise<Buffer> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!out.Body) throw new Error(`Empty object ${key}`);
    return Buffer.from(await out.Body.transformToByteArray());
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async reach(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

export function createS3Client(b: BucketConfig): S3Client {
  if (!b.endpoint) throw new Error(`Bucket ${b.name}: an S3 bucket needs an endpoint`);
  return new S3Client({
    endpoint: b.endpoint,
    region: b.region || "us-east-1",
    forcePathStyle: b.forcePathStyle ?? true,
    credentials: b.accessKeyId && b.secretEncrypted
      ? { accessKeyId: b.accessKeyId, secretAccessKey: openSecret(b.secretEncrypted) }
      : undefined,
    // Fail fast: the engine has its own back-off, and a dead endpoint must not hold up other trails.
    maxAttempts: 2,
    // The SDK's NodeHttpHandler over our guarded agents: every connection to the endpoint is checked
    // against internal addresses when it is made (lib/net/outbound.ts). Given agents are used as they
    // are for every request (the SDK makes no agent of its own, not even for Expect: 100-continue).
    requestHandler: {
      connectionTimeout: 3_000,
      requestTimeout: 15_000,
      httpAgent: new OutboundHttpAgent({ keepAlive: true, maxSockets: 50 }),
      httpsAgent: new OutboundHttpsAgent({ keepAlive: true, maxSockets: 50 }),
    },
  });
}

/** The store of a configured bucket. */
export function openObjectStore(b: BucketConfig): ObjectStore {
  if (b.kind === "local") return new LocalObjectStore(localBucketDir(b.name));
  if (b.kind === "s3") return new S3ObjectStore(b.name, createS3Client(b));
  throw new Error(`Bucket ${b.name}: unknown kind ${b.kind}`);
}
