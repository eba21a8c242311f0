import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { readFilesConfig } from './files-config';

function read(env: Record<string, string>) {
  const problems: string[] = [];
  const config = readFilesConfig(env, '/srv/mpp', problems);
  return { config, problems };
}

const S3 = { S3_URL: 'http://127.0.0.1:9000/', S3_BUCKET: 'mpp-files', S3_ACCESS_KEY_ID: 'AKID', S3_SECRET_ACCESS_KEY: 'secret' };

describe(readFilesConfig.name, () => {
  it('should keep files in DATA_DIR/files with a queue of 2 at once and 100 waiting when nothing is set', () => {
    expect(read({})).toEqual({ problems: [], config: { dir: join('/srv/mpp', 'files'), s3: null, imageConcurrency: 2, imageQueueLength: 100 } });
  });

  it('should read S3 with the default region and the endpoint without its trailing slash', () => {
    const { config, problems } = read(S3);
    expect(problems).toEqual([]);
    expect(config.s3).toEqual({ url: S3.S3_URL.replace(/\/$/, ''), bucket: S3.S3_BUCKET, accessKeyId: S3.S3_ACCESS_KEY_ID, secretAccessKey: S3.S3_SECRET_ACCESS_KEY, region: 'us-east-1' });
  });

  it.each([
    [{ S3_URL: 'http://x:9000' }, 'S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are missing'],
    [{ S3_REGION: 'ap-southeast-3' }, 'S3_URL, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are missing'],
    [{ ...S3, S3_URL: 'ftp://x' }, 'S3_URL must be an http:// or https:// endpoint'],
    [{ ...S3, S3_URL: 'http://user:pw@x' }, 'S3_URL must be an http:// or https:// endpoint'],
    [{ ...S3, S3_BUCKET: 'Files_1' }, 'S3_BUCKET must be a bucket name'],
    [{ ...S3, S3_REGION: 'Jakarta 1' }, 'S3_REGION must be a region name'],
    [{ FILES_IMAGE_CONCURRENCY: '0' }, 'FILES_IMAGE_CONCURRENCY must be a whole number from 1 to 16'],
    [{ FILES_IMAGE_QUEUE: 'many' }, 'FILES_IMAGE_QUEUE must be a whole number from 0 to 1000'],
  ])('should refuse %j naming the variable', (env, message) => {
    const { problems } = read(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('should never echo credentials put in S3_URL', () => {
    const { problems } = read({ ...S3, S3_URL: 'ftp://user:topsecret@x' });
    expect(problems.join(' ')).not.toContain('topsecret');
  });

  it('should be part of loadConfig, whose error names the variable', () => {
    expect(loadConfig({ DATA_DIR: '/srv/mpp' }).files.dir).toBe(join('/srv/mpp', 'files'));
    expect(() => loadConfig({ S3_URL: 'http://x' })).toThrow(ConfigError);
  });
});
