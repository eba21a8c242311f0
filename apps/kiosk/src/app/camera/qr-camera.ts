/** How long a started camera may take to give its first picture before the page says it has none. */
const FIRST_FRAME_MS = 15_000;
const FIRST_FRAME_POLL_MS = 50;

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
 * display preloads the kiosk's routes and never scans. The page plays the video itself and hands
 * the reader a video already playing: left to start it, @zxing/browser 0.1 waits for ever when the
 * video begins playing only after its first play() failed. And it waits for the first picture:
 * the reader sizes its capture canvas once, from the video's size when it starts, and play() can
 * resolve before a loaded machine's camera has delivered a frame; a 0×0 canvas then never reads
 * anything while the page says "scanning".
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
    const controls = await new BrowserQRCodeReader().decodeFromVideoElement(video, (result) => {
      if (result) onText(result.getText());
    });
    const camera: QrCamera = {
      stop: () => {
        controls.stop();
        stopStream();
      },
    };
    if (cancelled()) {
      camera.stop();
      return null;
    }
    return camera;
  } catch (error) {
    stopStream();
    throw error;
  }
}

/** A camera the person (or the kiosk's policy) refused, as opposed to one that is missing or broken. */
export function isPermissionError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
}
