import { join } from 'node:path';

/**
 * Where uploaded documents are kept (docs/files.md), read by loadConfig with the rest: a directory
 * under DATA_DIR by default, an S3-compatible store when S3_URL is set (then S3_BUCKET and both
 * keys are required too), and the image re-encoding queue's bounds.
 */
export interface FilesConfig {
  /** The directory driver's root (DATA_DIR/files); also the parent of the temporary spool (DATA_DIR/files/.tmp). */
  dir: string;
  /** null: the directory driver. */
  s3: S3Config | null;
  /** Images re-encoded at once (FILES_IMAGE_CONCURRENCY); each may hold ~150 MB while decoded. */
  imageConcurrency: number;
  /** Images that may wait for a slot (FILES_IMAGE_QUEUE); one more is refused with 503. */
  imageQueueLength: number;
}

export interface S3Config {
  /** The endpoint, e.g. https://s3.ap-southeast-3.amazonaws.com or http://minio:9000 (path-style addressing). */
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

const S3_VARIABLES = ['S3_URL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** S3's bucket naming rules (3–63 lower-case letters, digits, dots and hyphens, starting and ending alphanumeric). */
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function readFilesConfig(env: Record<string, string | undefined>, dataDir: string, problems: string[]): FilesConfig {
  const value = (name: string) => env[name]?.trim() || null;
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === null) return fallback;
    if (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    return fallback;
  };
  const config: FilesConfig = {
    dir: join(dataDir, 'files'),
    s3: null,
    imageConcurrency: integer('FILES_IMAGE_CONCURRENCY', 2, 1, 16),
    imageQueueLength: integer('FILES_IMAGE_QUEUE', 100, 0, 1000),
  };

  const set = [...S3_VARIABLES, 'S3_REGION'].filter((name) => value(name) !== null);
  if (set.length === 0) return config;
  const missing = S3_VARIABLES.filter((name) => value(name) === null);
  if (missing.length > 0) {
    problems.push(`S3 storage needs all of ${S3_VARIABLES.join(', ')} (S3_REGION is optional): ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing. Unset them all to keep files under DATA_DIR.`);
    return config;
  }
  const url = value('S3_URL')!;
  const bucket = value('S3_BUCKET')!;
  let urlOk = false;
  try {
    const parsed = new URL(url);
    urlOk = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.username === '' && parsed.password === '';
  } catch {
    urlOk = false;
  }
  if (!urlOk) problems.push(`S3_URL must be an http:// or https:// endpoint without credentials in it, such as https://s3.ap-southeast-3.amazonaws.com (got "${url.replace(/\/\/[^/@]*@/, '//***@')}").`);
  if (!BUCKET_PATTERN.test(bucket)) problems.push(`S3_BUCKET must be a bucket name of 3 to 63 lower-case letters, digits, dots and hyphens (got "${bucket}").`);
  const region = value('S3_REGION') ?? 'us-east-1';
  if (!/^[a-z0-9-]{2,40}$/.test(region)) problems.push(`S3_REGION must be a region name such as ap-southeast-3 (got "${region}").`);
  config.s3 = { url: url.replace(/\/+$/, ''), bucket, accessKeyId: value('S3_ACCESS_KEY_ID')!, secretAccessKey: value('S3_SECRET_ACCESS_KEY')!, region };
  return config;
}
