import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiException } from '../common/errors/api-exception';

/** Public ticket codes are 16 URL-safe characters; anything else is not one of ours. */
@Injectable()
export class PublicCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9_-]{16}$/.test(value)) {
      throw ApiException.notFound('TICKET_NOT_FOUND', { id: 'Tiket tidak ditemukan. Periksa kode pada tiket Anda.', en: 'Ticket not found. Check the code on your ticket.' });
    }
    return value;
  }
}
