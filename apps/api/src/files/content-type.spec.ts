import { sniffDocumentType } from './content-type';

describe(sniffDocumentType.name, () => {
  it('should tell PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('image/png');
  });

  it.each([
    ['text', Buffer.from('Ini adalah surat keterangan, bukan gambar.')],
    ['empty', Buffer.alloc(0)],
    ['a PNG signature cut short', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['a PDF marker after leading bytes', Buffer.from(' %PDF-1.4')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a GIF', Buffer.from('GIF89a')],
    ['a ZIP (docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  ])('should refuse %s', (_name, bytes) => {
    expect(sniffDocumentType(bytes)).toBeNull();
  });
});
