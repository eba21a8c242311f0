import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/errors/api-exception';

/** The refusals of file uploads, each in Bahasa Indonesia and English (docs/files.md, Limits). */
export const FileErrors = {
  unsupportedType(): ApiException {
    return ApiException.unprocessable('FILE_TYPE_NOT_ALLOWED', {
      id: 'Berkas harus berupa PDF, JPEG atau PNG. Isi berkas ini bukan salah satunya (nama atau jenis yang disebutkan tidak menentukan).',
      en: 'The file must be a PDF, JPEG or PNG. This file’s content is none of them (its name or stated type does not count).',
    });
  },

  empty(): ApiException {
    return ApiException.unprocessable('FILE_EMPTY', { id: 'Berkas kosong. Pilih berkas yang berisi dokumen.', en: 'The file is empty. Choose a file that holds the document.' });
  },

  tooLarge(maxBytes: number): ApiException {
    const mb = formatMegabytes(maxBytes);
    return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', {
      id: `Berkas terlalu besar. Ukuran paling besar ${mb.id} MB.`,
      en: `The file is too large. The largest allowed is ${mb.en} MB.`,
    });
  },

  unreadableImage(): ApiException {
    return ApiException.unprocessable('IMAGE_UNREADABLE', {
      id: 'Gambar tidak dapat dibaca (rusak, terpotong, atau terlalu besar resolusinya). Foto ulang atau pindai ulang dokumennya.',
      en: 'The image cannot be read (damaged, cut short, or too many pixels). Take the photo or scan the document again.',
    });
  },

  busy(): ApiException {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'FILES_BUSY', {
      id: 'Server sedang memproses banyak gambar. Tunggu sebentar lalu unggah lagi.',
      en: 'The server is processing many images. Wait a moment and upload again.',
    });
  },

  notFound(): ApiException {
    return ApiException.notFound('FILE_NOT_FOUND', { id: 'Berkas tidak ditemukan.', en: 'The file was not found.' });
  },
};

function formatMegabytes(bytes: number): { id: string; en: string } {
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return { id: mb.toLocaleString('id-ID'), en: mb.toLocaleString('en-US') };
}
