/** One HTTP request of a channel (SMS gateway, WhatsApp), with a time-out; never rejects. */
export interface HttpAnswer {
  ok: boolean;
  status: number;
  /** The answer's text, cut to MAX_ANSWER_LENGTH. */
  text: string;
  /** Set when no answer came (refused, timed out). */
  error?: string;
}

const MAX_ANSWER_LENGTH = 2000;

export async function httpRequest(url: string, init: { method: string; headers: Record<string, string>; body?: string }, timeoutMs: number): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    const text = (await response.text()).slice(0, MAX_ANSWER_LENGTH);
    return { ok: response.ok, status: response.status, text };
  } catch (error) {
    // An AbortSignal time-out rejects with a DOMException named TimeoutError (not an Error in Node 20).
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return { ok: false, status: 0, text: '', error: `no answer within ${timeoutMs / 1000} s` };
    // Read by shape: fetch's errors come from another realm under Jest, where instanceof Error is false.
    const messageOf = (value: unknown) => (typeof (value as { message?: unknown } | null)?.message === 'string' ? (value as { message: string }).message : String(value));
    const cause = (error as { cause?: unknown } | null)?.cause;
    return { ok: false, status: 0, text: '', error: `${messageOf(error)}${cause ? `: ${messageOf(cause)}` : ''}` };
  }
}

/** The value at a dot path ("messages.0.id") of a JSON text, as a string; null when absent or not JSON. */
export function jsonPath(text: string, path: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 200) : null;
}
