import PDFDocument from 'pdfkit';

/** A PDF page set up the same way for every document the API prints (tickets, confirmations). */
export function newPdfDocument(size: [number, number], lang: 'id' | 'en', title: string): PDFKit.PDFDocument {
  return new PDFDocument({
    size,
    margin: 0,
    lang: lang === 'id' ? 'id-ID' : 'en-GB',
    displayTitle: true,
    info: { Title: title, Creator: 'MPP Digital', Producer: 'MPP Digital' },
  });
}

/** The finished document as one buffer; call before `doc.end()`. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
