import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Starts oidc-provider.mjs (a real OpenID Connect provider) and waits until it listens. */
export function startOidcProvider(options: { port: number; clientId: string; clientSecret: string; redirectUri: string }): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      OIDC_TEST_PORT: String(options.port),
      OIDC_TEST_CLIENT_ID: options.clientId,
      OIDC_TEST_CLIENT_SECRET: options.clientSecret,
      OIDC_TEST_REDIRECT_URI: options.redirectUri,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oidc-provider did not start:\n${output.join('')}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = /OIDC_PROVIDER_READY (\S+)/.exec(output.join(''));
      if (!ready) return;
      clearTimeout(timer);
      resolve({
        issuer: ready[1],
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`oidc-provider exited:\n${output.join('')}`));
    });
  });
}

/**
 * A browser's cookie jar and redirects, by hand (fetch with redirect: 'manual'): cookies are
 * per host and not per port, as in a browser, so one jar serves the API and the provider.
 */
export class CookieBrowser {
  private readonly jar = new Map<string, string>();

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** One request; answers the status, the Location (absolute) and the body. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; location: string | null; body: string }> {
    const headers: Record<string, string> = {};
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, url).href : null, body: await res.text() };
  }

  /** Follows redirects from `url` until an answer is not one, or `stopAt` says to stop at a URL. */
  async follow(url: string, stopAt: (url: string) => boolean = () => false): Promise<{ url: string; status: number; body: string }> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      if (stopAt(current)) return { url: current, status: 0, body: '' };
      const res = await this.request(current);
      if (res.status < 300 || res.status >= 400 || !res.location) return { url: current, status: res.status, body: res.body };
      current = res.location;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** The first form of a page: its action (absolute) and hidden inputs. */
export function formOf(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in ${pageUrl}:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields[name] = value;
  }
  return { action: new URL(form[1].replace(/&amp;/g, '&'), pageUrl).href, fields };
}
