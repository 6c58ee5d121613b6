/**
 * Small PDFs written by hand for the tests (no PDF from elsewhere is copied in): one page, Helvetica, one line of
 * text per entry (an empty entry is a gap); or a page with only a drawn shape, like a scan, with no text layer.
 */
export function pdfWithText(lines: readonly string[]): Uint8Array {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    'BT',
    '/F1 12 Tf',
    '14 TL',
    '72 740 Td',
    ...lines.map((l) => (l === '' ? 'T*' : `(${escape(l)}) Tj T*`)),
    'ET',
  ].join('\n');
  return pdf(content, true);
}

export function pdfWithoutText(): Uint8Array {
  return pdf('0.5 g 72 600 200 100 re f', false);
}

function pdf(content: string, withFont: boolean): Uint8Array {
  const resources = withFont ? '/Resources << /Font << /F1 4 0 R >> >>' : '/Resources << >>';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] ${resources} /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
