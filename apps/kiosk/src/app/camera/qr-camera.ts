/** How long a started camera may take to give its first picture before the page says it has none. */
const FIRST_FRAME_MS = 15_000;
const FIRST_FRAME_POLL_MS = 50;
/** Pause between two reads of the picture, and after a code was read (the page ignores a repeat). */
const READ_EVERY_MS = 200;
const AFTER_READ_MS = 500;

/** A camera reading QR codes into a page's video element; `stop` ends the reading and the camera. */
export interface QrCamera {
  stop(): void;
}

/**
 * Starts the kiosk's camera in `video` and calls `onText` with the text of every QR code it reads
 * (the check-in page, the survey page). Null when `cancelled()` became true meanwhile (the page
 * left); throws as getUserMedia does (NotAllowedError for a refused camera), or when the camera
 * gives no picture.
 *
 * The scanner (@zxing/browser, 440 kB) is loaded here, when a page starts its camera: the hall
 * display preloads the kiosk's routes and never scans. The page plays the video and reads it
 * itself, one picture at a time, with the library's decoder only: @zxing/browser 0.1's own loop
 * sizes its canvas once, from the video's size when it starts (0×0 when a loaded machine's camera
 * has not delivered a frame yet, and then it never reads anything), and it ends for good, without a
 * word, on any error other than "no code here", while the page goes on saying "scanning".
 * Here a picture that cannot be read is skipped and the next one is tried, for as long as the
 * page scans. The video element carries what the reading did (data-reads, data-read-error), for
 * whoever has to find out why a kiosk reads nothing.
 */
export async function startQrCamera(video: HTMLVideoElement, onText: (text: string) => void, cancelled: () => boolean): Promise<QrCamera | null> {
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  if (cancelled()) return null;
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  const stopStream = () => stream.getTracks().forEach((track) => track.stop());
  try {
    if (cancelled()) {
      stopStream();
      return null;
    }
    video.srcObject = stream;
    await video.play();
    const deadline = Date.now() + FIRST_FRAME_MS;
    while (video.videoWidth === 0 || video.videoHeight === 0) {
      if (cancelled()) {
        stopStream();
        return null;
      }
      if (Date.now() > deadline) throw new DOMException('The camera gives no picture', 'NotReadableError');
      await new Promise((resolve) => setTimeout(resolve, FIRST_FRAME_POLL_MS));
    }
  } catch (error) {
    stopStream();
    throw error;
  }
  const reader = new BrowserQRCodeReader();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let reads = 0;
  const camera: QrCamera = {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stopStream();
    },
  };
  const readOnce = (): boolean => {
    const { videoWidth: width, videoHeight: height } = video;
    if (!context || width === 0 || height === 0) return false;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    reads++;
    video.dataset['reads'] = String(reads);
    let text: string;
    try {
      context.drawImage(video, 0, 0, width, height);
      text = reader.decodeFromCanvas(canvas).getText();
    } catch (error) {
      // Mostly "no code in this picture"; whatever it was is kept for the record, and the next picture is read.
      video.dataset['readError'] = errorKind(error);
      return false;
    }
    delete video.dataset['readError'];
    onText(text);
    return true;
  };
  const next = () => {
    if (stopped) return;
    if (cancelled()) {
      camera.stop();
      return;
    }
    let read = false;
    try {
      read = readOnce();
    } finally {
      // The page's handler failing on one code does not end the reading either.
      if (!stopped) timer = setTimeout(next, read ? AFTER_READ_MS : READ_EVERY_MS);
    }
  };
  if (cancelled()) {
    camera.stop();
    return null;
  }
  next();
  return camera;
}

/** The kind of a decoder error (zxing's exceptions name theirs; a minified build mangles class names). */
function errorKind(error: unknown): string {
  const kind = (error as { getKind?: () => string } | null)?.getKind?.();
  if (kind) return kind;
  return error instanceof Error ? error.name : String(error);
}

/** A camera the person (or the kiosk's policy) refused, as opposed to one that is missing or broken. */
export function isPermissionError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
}
