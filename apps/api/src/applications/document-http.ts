import { HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { ApiException } from '../common/errors/api-exception';
import { ApplicationMessages } from './application.messages';
import type { DocumentDownload } from './application-uploads.service';
import { cleanUploadFileName } from './upload-file-name';

const logger = new Logger('ApplicationDocuments');

/** Seconds a client is told to wait after 503 FILES_BUSY (a re-encode takes 2–3 s; the queue holds 100). */
export const BUSY_RETRY_AFTER_SECONDS = 15;

/** The most of a refused upload read and dropped before the connection is cut (above the largest per-service limit, 50 MB). */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

export interface UploadBody {
  /** The request's body as a stream of its own: destroying it (a limit, a refusal) leaves the socket open for the answer. */
  stream: Readable;
  /** Content-Length when the client sent one (browsers do for a File). */
  length: number | null;
  fileName: string | null;
  /** Runs the upload; on a refusal the rest of the body is read and dropped (so the client receives the answer), and 503 carries Retry-After. */
  guard<T>(work: Promise<T>): Promise<T>;
}

/**
 * An upload's body is the file itself (no multipart): express's JSON and form parsers read only
 * their own content types, so any other type arrives here unread and is streamed, never buffered.
 * A body a parser already consumed (sent as JSON or a form) is refused with 415.
 */
export function uploadBody(req: Request, res: Response): UploadBody {
  if ((req as Request & { _body?: boolean })._body || req.readableEnded) {
    throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UPLOAD_NOT_RAW', ApplicationMessages.uploadNotRaw);
  }
  const fileName = cleanUploadFileName(headerValue(req.headers['x-file-name']));
  if (fileName === undefined) throw ApiException.badRequest('BAD_FILE_NAME', ApplicationMessages.badFileName, [{ field: 'X-File-Name', message: ApplicationMessages.badFileName }]);
  const declared = headerValue(req.headers['content-length']);
  const length = declared !== undefined && /^\d{1,15}$/.test(declared) ? Number(declared) : null;

  const stream = new PassThrough();
  const abort = () => stream.destroy(new Error('the client stopped sending the upload'));
  req.once('aborted', abort);
  req.once('error', (error) => stream.destroy(error));
  req.once('close', () => {
    if (!req.complete) abort();
  });
  req.pipe(stream);
  return {
    stream,
    length,
    fileName,
    async guard<T>(work: Promise<T>): Promise<T> {
      try {
        return await work;
      } catch (error) {
        if (!req.complete) discardRest(req, stream);
        if (error instanceof ApiException && error.getStatus() === 503) res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        throw error;
      }
    },
  };
}

/**
 * Streams a document: decrypted and authenticated chunk by chunk (an error half-way destroys the
 * response, so the client sees a broken download, never unauthenticated bytes), as an attachment
 * named without personal data, under a sandboxing CSP, never cached or sniffed.
 */
export function sendDocument(res: Response, d: DocumentDownload): void {
  res.status(200);
  res.setHeader('Content-Type', d.contentType);
  res.setHeader('Content-Length', String(d.size));
  res.setHeader('Content-Disposition', `${d.inline ? 'inline' : 'attachment'}; filename="${d.fileName}"`);
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  pipeline(d.stream, res, (error) => {
    if (error && (error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      logger.warn({ msg: 'a document download stopped half-way', error: error.message });
    }
  });
}

/**
 * After a refusal, what the client still sends is read and dropped: closing the connection with
 * unread bytes makes the kernel reset it, and the client would see a network error instead of
 * the bilingual refusal. Past DISCARD_LIMIT_BYTES the connection is cut.
 */
function discardRest(req: Request, stream: PassThrough): void {
  req.unpipe(stream);
  stream.destroy();
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
