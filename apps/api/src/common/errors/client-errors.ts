import type { ApiError } from '@mpp/contracts';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Requests Node's HTTP parser refuses before any route sees them (a 20 kB URL is past the
 * 16 kB header limit, a malformed request line, ...). Without a handler Node answers
 * `431` or `400` with an empty body; here they get the documented error shape.
 */
const ANSWERS: Record<string, ApiError> = {
  HPE_HEADER_OVERFLOW: {
    statusCode: 431,
    code: 'HEADERS_TOO_LARGE',
    message: {
      id: 'Alamat atau header permintaan terlalu panjang (paling banyak 16 kB). Persingkat alamatnya.',
      en: 'The request address or headers are too long (16 kB at most). Shorten the address.',
    },
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    statusCode: 408,
    code: 'REQUEST_TIMEOUT',
    message: { id: 'Permintaan tidak selesai dikirim tepat waktu. Coba lagi.', en: 'The request was not sent in time. Try again.' },
  },
};

const BAD_REQUEST: ApiError = {
  statusCode: 400,
  code: 'MALFORMED_REQUEST',
  message: { id: 'Permintaan HTTP tidak dapat dibaca.', en: 'The HTTP request could not be read.' },
};

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset connection has nobody left to answer; an answer already under way cannot be replaced.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const body = ANSWERS[error.code ?? ''] ?? BAD_REQUEST;
    const json = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${body.statusCode} ${REASONS[body.statusCode]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        json,
    );
  });
}
