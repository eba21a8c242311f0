import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { readStorage, writeStorage } from '@mpp/ui';

/** localStorage: 'on' once the hall staff have pressed "Aktifkan suara" on this TV. */
export const DISPLAY_SOUND_KEY = 'mpp.display.sound';

/**
 * The two tones of the chime ("ding-dong": E5 then C5), each this long. Short on purpose: the
 * voice starts as the second tone fades, well within a second of the call.
 */
const CHIME_TONES_HZ = [659.25, 523.25] as const;
const CHIME_TONE_S = 0.25;
/** A voice that never says it has finished (a stuck engine) does not hold the queue longer than this. */
const SPEECH_MIN_WAIT_MS = 8000;
const SPEECH_MS_PER_CHAR = 150;
/** How long to wait for a suspended AudioContext to resume before calling the sound blocked. */
const RESUME_WAIT_MS = 300;

type AudioContextClass = typeof AudioContext;

/**
 * Says every call out loud in the hall: a short two-tone chime (Web Audio, no file), then the
 * sentence in Bahasa Indonesia through the browser's speech synthesis, one announcement after
 * another (never two at once, never one dropped).
 *
 * Browsers refuse sound until a person has touched the page. The page shows an "Aktifkan suara"
 * button while `needsGesture()`: the choice is remembered on the device, and asked for again
 * only when the browser still refuses (after a restart without a touch). A TV in kiosk mode can
 * skip the touch by starting Chromium with `--autoplay-policy=no-user-gesture-required`.
 *
 * Provide it in the page component: the queue and the audio context end with the page.
 */
@Injectable()
export class AnnouncerService {
  private readonly window = inject(DOCUMENT).defaultView;

  private readonly enabled = signal(readStorage('local', DISPLAY_SOUND_KEY) === 'on');
  private readonly blocked = signal(false);
  /** True while the page should offer the "Aktifkan suara" button. */
  readonly needsGesture = computed(() => !this.enabled() || this.blocked());

  private readonly queue: string[] = [];
  private draining = false;
  private destroyed = false;
  private audio: AudioContext | null = null;

  constructor() {
    if (this.enabled()) {
      // Remembered as on: find out at once whether the browser lets this page play sound.
      const context = this.context();
      if (context && !isRunning(context)) this.blocked.set(true);
    }
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.queue.length = 0;
      this.window?.speechSynthesis?.cancel();
      void this.audio?.close().catch(() => undefined);
    });
  }

  /** Call from a click: unlocks audio and speech for this page and remembers the choice. */
  enable(): void {
    writeStorage('local', DISPLAY_SOUND_KEY, 'on');
    this.enabled.set(true);
    this.blocked.set(false);
    void this.context()?.resume().catch(() => undefined);
    // Loads the voice list early; the first call then finds an Indonesian voice.
    this.window?.speechSynthesis?.getVoices();
  }

  /** Queues a sentence: chime, then the voice, after every announcement queued before it. */
  announce(text: string): void {
    if (this.destroyed) return;
    this.queue.push(text);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let text = this.queue.shift(); text !== undefined && !this.destroyed; text = this.queue.shift()) {
        await this.chime();
        await this.speak(text);
      }
    } finally {
      this.draining = false;
    }
  }

  private context(): AudioContext | null {
    if (this.audio) return this.audio;
    const audioWindow = this.window as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass } | null;
    const Ctor = audioWindow?.AudioContext ?? audioWindow?.webkitAudioContext;
    if (!Ctor) return null;
    try {
      this.audio = new Ctor();
    } catch {
      this.audio = null;
    }
    return this.audio;
  }

  /** Plays the chime and resolves when it has faded; resolves at once when audio is refused. */
  private async chime(): Promise<void> {
    const context = this.context();
    if (!context) return;
    if (!isRunning(context)) {
      await Promise.race([context.resume().catch(() => undefined), delay(RESUME_WAIT_MS)]);
      if (!isRunning(context)) {
        this.blocked.set(true);
        return;
      }
    }
    const start = context.currentTime + 0.05;
    CHIME_TONES_HZ.forEach((hz, i) => {
      const at = start + i * CHIME_TONE_S;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + CHIME_TONE_S * 1.6);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + CHIME_TONE_S * 1.7);
    });
    await delay((CHIME_TONES_HZ.length * CHIME_TONE_S + 0.1) * 1000);
  }

  /** Speaks in Indonesian and resolves when the voice has finished (or failed, or hung). */
  private speak(text: string): Promise<void> {
    const synth = this.window?.speechSynthesis;
    const Utterance = (this.window as (Window & { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance }) | null)
      ?.SpeechSynthesisUtterance;
    if (!synth || !Utterance) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const utterance = new Utterance(text);
      utterance.lang = 'id-ID';
      const voice = indonesianVoice(synth.getVoices());
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        clearTimeout(guard);
        resolve();
      };
      const guard = setTimeout(done, Math.max(SPEECH_MIN_WAIT_MS, text.length * SPEECH_MS_PER_CHAR));
      utterance.onend = done;
      utterance.onerror = (event) => {
        if (event.error === 'not-allowed') this.blocked.set(true);
        done();
      };
      try {
        synth.speak(utterance);
      } catch {
        done();
      }
    });
  }
}

/** An id-ID voice if the system has one (Chromium on Linux often has none: the default voice then reads the text). */
function indonesianVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  const lang = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase();
  return voices.find((v) => lang(v) === 'id-id') ?? voices.find((v) => lang(v).startsWith('id'));
}

/** Read through a function: the state changes behind TypeScript's back while we await. */
function isRunning(context: AudioContext): boolean {
  return context.state === 'running';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
