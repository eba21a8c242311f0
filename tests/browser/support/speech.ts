/// <reference lib="dom" />

/** What the page asked the browser to say. */
export interface Spoken {
  text: string;
  lang: string;
}

/**
 * An init script replacing the browser's voice: every utterance is recorded in `window.__spoken`
 * and "ends" at once, so the display's announcement queue moves on as with a real voice.
 * Use with `context.addInitScript(stubSpeech)`.
 */
export function stubSpeech(): void {
  const w = window as unknown as { __spoken: Spoken[] };
  w.__spoken = [];
  const stub = {
    speak(u: SpeechSynthesisUtterance) {
      w.__spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => u.onend?.call(u, new Event('end') as SpeechSynthesisEvent), 20);
    },
    getVoices: () => [],
    cancel: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    speaking: false,
    pending: false,
    paused: false,
  };
  Object.defineProperty(window, 'speechSynthesis', { value: stub, configurable: true });
}

/** Reads what a page with `stubSpeech` has said so far. */
export function spokenIn(page: { evaluate<R>(fn: () => R): Promise<R> }): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
}
